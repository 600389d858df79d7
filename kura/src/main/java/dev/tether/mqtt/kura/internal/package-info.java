/**
 * Tether in Eclipse Kura: lists Tether's connections in Kura's configuration UI and decrypts the passwords Kura
 * encrypts. Nothing here is exported; the Tether bundle itself knows nothing about Kura.
 */
package dev.tether.mqtt.kura.internal;
