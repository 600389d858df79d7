package dev.tether.mqtt.kura.internal;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import dev.tether.mqtt.internal.metatype.SettingsCatalog;

/**
 * Lists each named connection (factory PID {@code dev.tether.mqtt.connection}) in Kura's configuration UI.
 *
 * <p>One instance per factory configuration, registered with that configuration's {@code service.pid},
 * {@code service.factoryPid} and the {@code kura.service.pid} Kura gave it. Kura needs this service twice: its
 * UI waits for a service with the new {@code kura.service.pid} after creating a component, and its
 * ConfigurationService forgets the component when the service goes away.
 */
@Component(name = "dev.tether.mqtt.kura.connection", configurationPid = SettingsCatalog.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE, service = ConfigurableComponent.class)
public final class KuraNamedConnection implements ConfigurableComponent {
}
