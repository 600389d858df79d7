/**
 * Stub of Kura's crypto package: the two AES methods of {@link org.eclipse.kura.crypto.CryptoService}.
 * Version as Kura 5.x exports it (6.x exports 1.4.0).
 */
@Export
@Version("1.3.0")
package org.eclipse.kura.crypto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
