/**
 * Tether's MQTT API: publish and subscribe through {@link dev.tether.mqtt.MqttService},
 * or receive messages as a whiteboard {@link dev.tether.mqtt.MqttMessageListener}.
 * Connections are configured through ConfigAdmin (PID {@code dev.tether.mqtt}, factory PID
 * {@code dev.tether.mqtt.connection}) and stay connected by themselves.
 */
@Export
@Version("1.4.0")
package dev.tether.mqtt;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
