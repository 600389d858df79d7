package dev.tether.mqtt.kura.internal;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import dev.tether.mqtt.internal.metatype.SettingsCatalog;

/**
 * Lists the default connection ({@code dev.tether.mqtt}) in Kura's configuration UI.
 *
 * <p>Kura's ConfigurationService only lists PIDs for which a service provides
 * {@link ConfigurableComponent} with {@code service.pid} and {@code kura.service.pid}; it takes the form from
 * the metatype of the same PID, which the Tether bundle already carries. The Tether component itself
 * provides no service (it registers its {@code MqttService} only while enabled), so this component stands in
 * for it: it shares its configuration PID, so SCR registers it with exactly the properties Kura reads, for as
 * long as the configuration exists. The {@code kura.service.pid} below applies until Kura seeds its own.
 */
@Component(name = "dev.tether.mqtt.kura.default", configurationPid = SettingsCatalog.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE, service = ConfigurableComponent.class,
    property = KuraDefaultConnection.KURA_SERVICE_PID + "=" + SettingsCatalog.PID)
public final class KuraDefaultConnection implements ConfigurableComponent {

    /** Kura's name for the PID it lists a component under (ConfigurationService.KURA_SERVICE_PID). */
    static final String KURA_SERVICE_PID = "kura.service.pid";
}
