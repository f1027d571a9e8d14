package io.wormhole.gateway.amqp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * What went wrong with the broker, named: the broker's own words when it gave a reason
 * (access refused, vhost not found, a channel closed with its reply code), else the kind
 * of network failure (connection refused, unknown host, TLS, timeout). amqp-client wraps
 * these several levels deep, often in an {@link IOException} with no message, which
 * alone tells an operator nothing.
 *
 * <p>{@link #isOutage} separates a lost connection (the broker is away: wait and recover)
 * from a refusal (the broker is there and said no to this one request). Stateless.
 */
final class BrokerFailure {
    private BrokerFailure() {
    }

    /**
     * True when the failure means the connection to the broker is gone or not answering,
     * rather than a refusal of one request on a live connection: a connection-level close
     * (also {@code AlreadyClosedException} on a closed connection), a socket error or an
     * RPC timeout. A channel closed by the broker for a request it refused is not one.
     */
    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                return s.isHardError();
            }
            if (t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line for a log or {@code /readyz}: the broker's reason, or the network failure,
     * and a hint when the address itself is the likely mistake.
     *
     * @param uri the broker URI that was dialled (for the hint; never shown, it may hold a password)
     */
    static String describe(Throwable failure, String uri) {
        String what = reason(failure);
        if (what.contains("vhost") && uri != null && emptyVhost(uri)) {
            what += " (the URI ends with '/', which names the empty vhost; the default vhost '/' is"
                    + " written %2F, as in amqp://host:5672/%2F, or leave the path out)";
        }
        return what;
    }

    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                return brokerSaid(s);
            }
            if (t instanceof AuthenticationFailureException) {
                return "access refused: " + t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "connection refused (" + t.getMessage() + ")";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage() + " (DNS)";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host (" + t.getMessage() + ")";
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + t.getMessage();
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return "no answer in time" + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The reply code and text of the broker's close, e.g. {@code 530 NOT_ALLOWED - vhost '' not found}. */
    private static String brokerSaid(ShutdownSignalException s) {
        Method m = s.getReason();
        String scope = s.isHardError() ? "the broker closed the connection: " : "the broker closed a channel: ";
        if (m instanceof AMQP.Connection.Close c) {
            return scope + c.getReplyCode() + " " + c.getReplyText();
        }
        if (m instanceof AMQP.Channel.Close c) {
            return scope + c.getReplyCode() + " " + c.getReplyText();
        }
        Throwable cause = s.getCause();
        return cause != null && cause != s ? reason(cause) : "the connection was closed";
    }

    private static boolean emptyVhost(String uri) {
        try {
            String path = java.net.URI.create(uri).getRawPath();
            return "/".equals(path);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
