/**
 * The runnable Tether gateway: {@link dev.tether.gateway.Launcher} starts an embedded Moquette broker, then an Apache
 * Felix framework with the bundles of {@code lib/bundles/} (Declarative Services, ConfigAdmin, FileInstall, the web
 * console, Gogo, Tether), and points Tether at the broker on first start.
 */
package dev.tether.gateway;
