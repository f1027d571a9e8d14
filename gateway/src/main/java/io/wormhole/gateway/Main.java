package io.wormhole.gateway;

import io.wormhole.gateway.config.ConfigException;
import io.wormhole.gateway.config.GatewayConfig;

/** Starts one gateway node from the environment; SIGTERM drains it (see {@link Gateway#drainAndClose}). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Gateway gateway;
        try {
            gateway = Gateway.start(GatewayConfig.fromEnvironment());
        } catch (ConfigException e) {
            System.err.println("wormhole: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::drainAndClose, "drain"));
        Thread.currentThread().join();
    }
}
