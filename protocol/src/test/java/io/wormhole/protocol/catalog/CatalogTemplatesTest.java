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
    void templates_call_asKazoo43ListsThem_oneConcreteEventEach() {
        assertThat(TEMPLATES.get("call")).containsExactly(
                "call.CHANNEL_CREATE.{CALL_ID}", "call.CHANNEL_ANSWER.{CALL_ID}", "call.CHANNEL_DESTROY.{CALL_ID}",
                "call.CHANNEL_HOLD.{CALL_ID}", "call.CHANNEL_UNHOLD.{CALL_ID}", "call.CHANNEL_BRIDGE.{CALL_ID}",
                "call.PARK_PARKED.{CALL_ID}", "call.PARK_RETRIEVED.{CALL_ID}", "call.PARK_ABANDONED.{CALL_ID}");
    }

    @Test
    void templates_object_everyDocActionWithEveryKazooDocType() {
        List<String> types = List.of("account", "callflow", "device", "faxbox", "media", "user", "vmbox", "fax",
                "mailbox_message", "call_recording");
        List<String> expected = new java.util.ArrayList<>();
        for (String action : List.of("doc_created", "doc_edited", "doc_deleted")) {
            for (String type : types) {
                expected.add("object." + action + "." + type);
            }
        }
        assertThat(TEMPLATES.get("object")).containsExactlyElementsOf(expected);
    }

    @Test
    void templates_openSlots_writtenAsNames() {
        assertThat(TEMPLATES.get("doc_created")).containsExactly("doc_created.{DB}.{TYPE}.{ID}");
        assertThat(TEMPLATES.get("doc_edited")).containsExactly("doc_edited.{DB}.{TYPE}.{ID}");
        assertThat(TEMPLATES.get("doc_deleted")).containsExactly("doc_deleted.{DB}.{TYPE}.{ID}");
    }

    @Test
    void templates_fax_statusAndObjectAsKazoo43ListsThem() {
        assertThat(TEMPLATES.get("fax")).containsExactly("fax.status.{FAX_ID}", "fax.object.{ACTION}");
    }

    @Test
    void templates_conference_kazoo43Forms_unadvertisedShapesLeftOut() {
        List<String> events = List.of("conference-create", "conference-destroy", "lock", "unlock", "add-member",
                "del-member", "stop-talking", "start-talking", "mute-member", "unmute-member", "deaf-member",
                "undeaf-member");
        List<String> expected = new java.util.ArrayList<>();
        for (String e : events) {
            expected.add("conference.event.{CONFERENCE_ID}.{CALL_ID}." + e);
        }
        expected.add("conference.event.{CONFERENCE_ID}.{CALL_ID}.*");
        expected.add("conference.command.{CONFERENCE_ID}");
        assertThat(TEMPLATES.get("conference")).containsExactlyElementsOf(expected);
    }

    @Test
    void templates_everyTemplateWithSlotsFilledIn_resolves() {
        Catalog kazoo = Catalog.kazooDefault();
        for (List<String> list : TEMPLATES.values()) {
            for (String template : list) {
                String binding = template.replaceAll("\\{TYPE}", "user").replaceAll("\\{ACTION}", "doc_edited")
                        .replaceAll("\\{[A-Z_]+}", "x1");
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
