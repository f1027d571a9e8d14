package io.wormhole.protocol.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;

/** Every way the default catalogue rejects a binding, each with its own text. */
class CatalogRejectTest {
    private static final Catalog KAZOO = Catalog.kazooDefault();
    private static final String CALL_EVENTS = "CHANNEL_CREATE, CHANNEL_ANSWER, CHANNEL_DESTROY, CHANNEL_HOLD,"
            + " CHANNEL_UNHOLD, CHANNEL_BRIDGE, PARK_PARKED, PARK_RETRIEVED, PARK_ABANDONED, '*'";
    private static final String DOC_ACTIONS = "doc_created, doc_edited, doc_deleted, '*'";
    private static final String CONFERENCE_EVENTS = "conference-create, conference-destroy, lock, unlock,"
            + " add-member, del-member, stop-talking, start-talking, mute-member, unmute-member, deaf-member,"
            + " undeaf-member, '*'";
    private static final String CONFERENCE_SHAPES = "conference.event.*.{CONFERENCE_ID}.{CALL_ID},"
            + " conference.event.{CONFERENCE_ID}.{CALL_ID}, conference.event.{CONFERENCE_ID}.{CALL_ID}.{EVENT},"
            + " conference.event.{CONFERENCE_ID}.{CALL_ID}.*, conference.command.{CONFERENCE_ID}";

    static Stream<Arguments> rejections() {
        return Stream.of(
                // generic syntax comes first
                Arguments.of("", "binding '': empty binding"),
                Arguments.of("call..x", "binding 'call..x': empty segment at position 2"),
                Arguments.of("call.CHANNEL_*.x", "binding 'call.CHANNEL_*.x': wildcard inside a word at position 2;"
                        + " '*' and '#' must be whole segments"),
                Arguments.of("call.#.#.#", "binding 'call.#.#.#': at most 2 '#' segments (another at position 4)"),
                // family
                Arguments.of("presence.update.x", "binding 'presence.update.x': unknown family 'presence';"
                        + " known families: call, doc_created, doc_edited, doc_deleted, object, fax, conference"),
                Arguments.of("#", "binding '#': unknown family '#'; known families: call, doc_created, doc_edited,"
                        + " doc_deleted, object, fax, conference"),
                Arguments.of("*.CHANNEL_CREATE.x", "binding '*.CHANNEL_CREATE.x': unknown family '*'; known families:"
                        + " call, doc_created, doc_edited, doc_deleted, object, fax, conference"),
                // '#' placement
                Arguments.of("call.#.x", "binding 'call.#.x': '#' not allowed at position 2;"
                        + " only the last segment may be '#'"),
                Arguments.of("doc_edited.#.user.#", "binding 'doc_edited.#.user.#': '#' not allowed at position 2;"
                        + " only the last segment may be '#'"),
                Arguments.of("fax.#", "binding 'fax.#': '#' not allowed at position 2, where family 'fax' expects"
                        + " the word 'status' (shape fax.status.{FAX_ID})"),
                Arguments.of("conference.#", "binding 'conference.#': '#' not allowed at position 2, where family"
                        + " 'conference' expects the word 'event' (shape conference.event.*.{CONFERENCE_ID}.{CALL_ID})"),
                // number of segments
                Arguments.of("call", "binding 'call': wrong number of segments for family 'call' (1);"
                        + " accepted shapes: call.{EVENT}.{CALL_ID}"),
                Arguments.of("call.CHANNEL_CREATE", "binding 'call.CHANNEL_CREATE': wrong number of segments for"
                        + " family 'call' (2); accepted shapes: call.{EVENT}.{CALL_ID}"),
                Arguments.of("call.CHANNEL_CREATE.a.b", "binding 'call.CHANNEL_CREATE.a.b': wrong number of segments"
                        + " for family 'call' (4); accepted shapes: call.{EVENT}.{CALL_ID}"),
                Arguments.of("call.CHANNEL_CREATE.a.#", "binding 'call.CHANNEL_CREATE.a.#': wrong number of segments"
                        + " for family 'call' (4); accepted shapes: call.{EVENT}.{CALL_ID}"),
                Arguments.of("object.edited", "binding 'object.edited': wrong number of segments for family"
                        + " 'object' (2); accepted shapes: object.{ACTION}.{TYPE}"),
                Arguments.of("conference.event", "binding 'conference.event': wrong number of segments for family"
                        + " 'conference' (2); accepted shapes: " + CONFERENCE_SHAPES),
                // literal words
                Arguments.of("fax.state.x", "binding 'fax.state.x': position 2 must be 'status'"
                        + " (shape fax.status.{FAX_ID})"),
                Arguments.of("conference.invite.x", "binding 'conference.invite.x': position 2 must be 'command'"
                        + " (shape conference.command.{CONFERENCE_ID})"),
                // slot values
                Arguments.of("call.FOO.*", "binding 'call.FOO.*': value 'FOO' not allowed for {EVENT} at position 2;"
                        + " allowed: " + CALL_EVENTS),
                Arguments.of("call.channel_create.*", "binding 'call.channel_create.*': value 'channel_create'"
                        + " not allowed for {EVENT} at position 2; allowed: " + CALL_EVENTS),
                Arguments.of("doc_edited.*.User.*", "binding 'doc_edited.*.User.*': value 'User' not allowed for"
                        + " {TYPE} at position 3; allowed: a word matching [a-z_]+, or '*'"),
                Arguments.of("object.updated.user", "binding 'object.updated.user': value 'updated' not allowed for"
                        + " {ACTION} at position 2; allowed: " + DOC_ACTIONS),
                // Kazoo's form only: the short actions were never Kazoo's
                Arguments.of("object.edited.user", "binding 'object.edited.user': value 'edited' not"
                        + " allowed for {ACTION} at position 2; allowed: " + DOC_ACTIONS),
                Arguments.of("object.doc_edited.user-2", "binding 'object.doc_edited.user-2': value 'user-2' not"
                        + " allowed for {TYPE} at position 3; allowed: account, callflow, device, faxbox, media, user,"
                        + " vmbox, fax, mailbox_message, call_recording, a word matching [a-z_]+, or '*'"),
                Arguments.of("fax.object.edited", "binding 'fax.object.edited': value 'edited' not allowed for"
                        + " {ACTION} at position 3; allowed: " + DOC_ACTIONS),
                // several shapes: the one that fits furthest explains
                Arguments.of("conference.event.conf1.call1.nope", "binding 'conference.event.conf1.call1.nope':"
                        + " value 'nope' not allowed for {EVENT} at position 5; allowed: " + CONFERENCE_EVENTS));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("rejections")
    void resolve_rejectedBinding_invalidBindingWithItsText(String binding, String text) {
        assertThatThrownBy(() -> KAZOO.resolve(binding))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BINDING);
                    assertThat(e.errors()).containsExactly(text);
                });
    }
}
