/**
 * The storage SPI: {@link dev.hierarchicalrbac.store.RbacStore}, reached through
 * {@code session.getProvider(RbacStore.class)}, and the SPI that names it. Everything else reaches
 * the data through this package only; its implementation lives below it: {@code store.jpa} (the
 * tables and the factory that wires the rest), {@code store.cache} (the shared cache in front of
 * them) and {@code store.cluster} (the cache's invalidations sent to the other nodes). Within
 * them, dependencies point one way: {@code jpa} → {@code cache}, {@code cluster} → {@code cache};
 * {@code cache} knows neither.
 */
package dev.hierarchicalrbac.store;
