package dev.hierarchicalrbac.store;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI through which every other part of the extension reaches the data. */
public final class RbacStoreSpi implements Spi {

    public static final String NAME = "hierarchical-rbac-store";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return RbacStore.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return RbacStoreFactory.class;
    }
}
