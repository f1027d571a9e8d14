package io.wormhole.gateway.demo;

import java.time.Instant;

/**
 * A little sequence of related events that happens in one account: a call from first
 * ring to hang-up, a fax from start to end, a conference filling and emptying, a
 * document edit. The {@link KazooScript} interleaves many of them. Confined to one thread.
 */
interface Story {

    /** Not before this moment may {@link #next} be asked (a call is talking, a page is sending). */
    Instant readyAt();

    /** The story's next event, at {@code now}. */
    DemoEvent next(Instant now);

    /** True once the last event was handed out. */
    boolean ended();
}
