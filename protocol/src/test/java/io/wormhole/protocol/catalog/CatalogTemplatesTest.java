package io.wormhole.protocol.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CatalogTemplatesTest {
    private static final Map<String, List<String>> TEMPLATES = Catalog.kazooDefault().templates();

    @Test
    void templates_familiesInFileOrder() {
        assertThat(TEMPLATES).containsOnlyKeys("call", "doc_created", "doc_edited", "doc_deleted", "object", "fax",
                "conference");
        assertThat(TEMPLATES.keySet()).containsExactly("call", "doc_created", "doc_edited", "doc_deleted", "object",
                "fax", "conference");
    }

    @Test
    void templates_enumeratedSlot_oneTemplatePerValueThenStar() {
        assertThat(TEMPLATES.get("call")).containsExactly(
                "call.CHANNEL_CREATE.{CALL_ID}", "call.CHANNEL_ANSWER.{CALL_ID}", "call.CHANNEL_DESTROY.{CALL_ID}",
                "call.CHANNEL_HOLD.{CALL_ID}", "call.CHANNEL_UNHOLD.{CALL_ID}", "call.CHANNEL_BRIDGE.{CALL_ID}",
                "call.PARK_PARKED.{CALL_ID}", "call.PARK_RETRIEVED.{CALL_ID}", "call.PARK_ABANDONED.{CALL_ID}",
                "call.*.{CALL_ID}");
        assertThat(TEMPLATES.get("object")).containsExactly(
                "object.created.{TYPE}", "object.edited.{TYPE}", "object.deleted.{TYPE}", "object.*.{TYPE}");
    }

    @Test
    void templates_openSlots_writtenAsNames() {
        assertThat(TEMPLATES.get("doc_created")).containsExactly("doc_created.{DB}.{TYPE}.{ID}");
        assertThat(TEMPLATES.get("doc_edited")).containsExactly("doc_edited.{DB}.{TYPE}.{ID}");
        assertThat(TEMPLATES.get("doc_deleted")).containsExactly("doc_deleted.{DB}.{TYPE}.{ID}");
        assertThat(TEMPLATES.get("fax")).containsExactly("fax.status.{FAX_ID}");
    }

    @Test
    void templates_severalShapes_inShapeOrder() {
        List<String> conference = TEMPLATES.get("conference");
        assertThat(conference).hasSize(2 + 13 + 1);
        assertThat(conference.subList(0, 3)).containsExactly("conference.event.*.{CONF_ID}.{CALL_ID}",
                "conference.event.{CONF_ID}.{CALL_ID}", "conference.event.{CONF_ID}.{CALL_ID}.conference-create");
        assertThat(conference.subList(13, 16)).containsExactly("conference.event.{CONF_ID}.{CALL_ID}.undeaf-member",
                "conference.event.{CONF_ID}.{CALL_ID}.*", "conference.command.{CONF_ID}");
    }

    @Test
    void templates_everyTemplateWithSlotsFilledIn_resolves() {
        Catalog kazoo = Catalog.kazooDefault();
        for (List<String> list : TEMPLATES.values()) {
            for (String template : list) {
                String binding = template.replaceAll("\\{TYPE}", "user").replaceAll("\\{[A-Z_]+}", "x1");
                assertThat(kazoo.resolve(binding).binding()).isEqualTo(binding);
            }
        }
    }

    @Test
    void templates_areUnmodifiable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TEMPLATES.get("call").add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
