package dev.tether.mqtt.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.SettingsParser;
import dev.tether.mqtt.internal.metatype.SettingsCatalog;

/** One further connection per factory configuration of {@code dev.tether.mqtt.connection}, named by {@code name}. */
@Component(name = SettingsCatalog.FACTORY_PID, configurationPid = SettingsCatalog.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
public final class NamedConnectionComponent extends ConnectionComponent {

    @Override
    ParsedConfiguration parse(SettingsParser settingsParser, Map<String, Object> properties) {
        return settingsParser.parseNamed(properties);
    }
}
