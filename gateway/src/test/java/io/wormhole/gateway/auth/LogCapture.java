package io.wormhole.gateway.auth;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

/**
 * Records every log line of the process at DEBUG and above for the gateway's auth
 * package and Reactor Netty while open; restores the levels on close.
 */
final class LogCapture implements AutoCloseable {
    private static final List<String> WATCHED = List.of("io.wormhole.gateway.auth", "reactor.netty");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Level> saved = new ArrayList<>();

    LogCapture() {
        appender.start();
        root.addAppender(appender);
        for (String name : WATCHED) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            saved.add(l.getLevel());
            l.setLevel(Level.DEBUG);
        }
    }

    /** Each recorded line: level, logger, formatted message and any stack trace. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            String line = e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage();
            if (e.getThrowableProxy() != null) {
                line += "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
            }
            out.add(line);
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        for (int i = 0; i < WATCHED.size(); i++) {
            ((Logger) LoggerFactory.getLogger(WATCHED.get(i))).setLevel(saved.get(i));
        }
        appender.stop();
    }
}
