package io.wormhole.it;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

/**
 * Everything the in-process node (and the HTTP and WebSocket library under it) logs
 * while open, at DEBUG and above for {@code io.wormhole} and {@code reactor.netty}: more
 * than a production node logs (INFO and WARN), so that a secret that would reach any
 * log level is seen. Logback is the node's logging backend. The test's own clients log
 * through the same library (their request URIs included), so lines of Reactor Netty's
 * client side are left out: {@code reactor.netty.http.client} and the connection pools
 * of {@code reactor.netty.resources}, which a server does not use. Levels are restored on
 * close.
 * Appends from any thread; read from the test thread.
 */
final class GatewayLog implements AutoCloseable {
    private static final List<String> LOGGERS = List.of("io.wormhole", "reactor.netty");
    private static final List<String> CLIENT_SIDE = List.of("reactor.netty.http.client.", "reactor.netty.resources.");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Level> previous = new ArrayList<>();

    private GatewayLog() {
        appender.start();
        root.addAppender(appender);
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previous.add(logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    static GatewayLog capture() {
        return new GatewayLog();
    }

    /** Every line of the node's side so far, with its logger, arguments formatted, and any stack trace. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        synchronized (appender) { // the lock AppenderBase appends under
            for (ILoggingEvent e : appender.list) {
                if (CLIENT_SIDE.stream().anyMatch(e.getLoggerName()::startsWith)) {
                    continue;
                }
                String line = e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage();
                out.add(e.getThrowableProxy() == null ? line
                        : line + "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        for (int i = 0; i < LOGGERS.size(); i++) {
            ((Logger) LoggerFactory.getLogger(LOGGERS.get(i))).setLevel(previous.get(i));
        }
        appender.stop();
    }
}
