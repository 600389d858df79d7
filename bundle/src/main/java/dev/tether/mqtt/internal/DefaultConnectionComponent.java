package dev.tether.mqtt.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.SettingsParser;
import dev.tether.mqtt.internal.metatype.SettingsCatalog;

/**
 * The default connection, configured by the singleton PID {@code dev.tether.mqtt}. Registers its
 * {@code MqttService} itself, and only while enabled, so the component provides no service.
 */
@Component(name = SettingsCatalog.PID, configurationPid = SettingsCatalog.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
public final class DefaultConnectionComponent extends ConnectionComponent {

    @Override
    ParsedConfiguration parse(SettingsParser settingsParser, Map<String, Object> properties) {
        return settingsParser.parseDefault(properties);
    }
}
