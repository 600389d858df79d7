/**
 * Stub of Kura's base package: only {@link org.eclipse.kura.KuraException}. Not imported by any bundle Tether ships.
 */
@Export
@Version("1.6.0")
package org.eclipse.kura;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
