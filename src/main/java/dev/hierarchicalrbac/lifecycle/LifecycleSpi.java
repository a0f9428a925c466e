package dev.hierarchicalrbac.lifecycle;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * A small SPI of our own so that the lifecycle listener is a factory Keycloak initialises (and so
 * gets {@code postInit}) without posing as an event listener in every realm's settings.
 */
public final class LifecycleSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "hierarchical-rbac-lifecycle";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return LifecycleProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return LifecycleProviderFactory.class;
    }
}
