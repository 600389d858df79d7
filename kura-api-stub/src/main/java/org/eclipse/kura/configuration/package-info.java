/**
 * Stub of Kura's configuration package: only the {@link org.eclipse.kura.configuration.ConfigurableComponent}
 * marker. Version as Kura 5.x and 6.x export it.
 */
@Export
@Version("1.2.0")
package org.eclipse.kura.configuration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
