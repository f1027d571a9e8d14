/** Benchmarks and load tools; nothing here runs as part of {@code mvn verify}. */
package io.wormhole.perf;
