package org.eclipse.kura.configuration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Kura's marker interface: a service registered under this name, with {@code service.pid} and
 * {@code kura.service.pid}, is listed by Kura's ConfigurationService and edited in its web UI, described by
 * the metatype OCD whose id is the PID. Same name and shape as Kura's; it declares no methods there either.
 */
@ConsumerType
public interface ConfigurableComponent {
}
