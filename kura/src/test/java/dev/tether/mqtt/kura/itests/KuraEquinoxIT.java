package dev.tether.mqtt.kura.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;

/**
 * The Tether bundle with its Kura bundle in Equinox as Kura runs it: the connections are exposed the way
 * Kura's ConfigurationService lists them, the metatype reads the way Kura parses it, and passwords Kura
 * encrypted reach Tether decrypted, while plain ones still work. Each test gets a fresh framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class KuraEquinoxIT extends KuraTestSupport {

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return options(kura(),
            bundle(file("tether.bundle")),
            bundle(file("tether.kura.bundle")));
    }

    // ---- what Kura's ConfigurationService needs to list and edit Tether

    @Test
    public void givenKurasConfiguration_thenTheDefaultConnectionIsAConfigurableComponentWithBothPids() throws Exception {
        // Kura's ConfigurationService cannot start without its CryptoService
        registerCryptoService();
        configure(PID, Map.of("kura.service.pid", PID, "enable", false, "user", KuraBroker.USER,
            "pass", encrypted(KuraBroker.PASSWORD)));

        ServiceReference<ConfigurableComponent> listed = awaitConfigurable("(service.pid=" + PID + ")");

        // ConfigurationServiceImpl.addConfigurableComponent: ignored without service.pid, not registered
        // without kura.service.pid; the OCD is then looked up by service.pid (or service.factoryPid)
        assertThat(listed.getProperty("service.pid")).isEqualTo(PID);
        assertThat(listed.getProperty("kura.service.pid")).isEqualTo(PID);
        assertThat(listed.getProperty("service.factoryPid")).isNull();
        assertThat(listed.getPropertyKeys()).as("no password among the service properties")
            .doesNotContainAnyElementsOf(PASSWORDS);
    }

    @Test
    public void givenAFactoryConfigurationKuraCreated_thenItIsListedUntilDeleted() throws Exception {
        registerCryptoService();
        // as ConfigurationServiceImpl.createFactoryConfiguration does it: no location, kura.service.pid set;
        // Kura's UI then waits for a service with that kura.service.pid
        Configuration created = configAdmin.createFactoryConfiguration(FACTORY_PID, null);
        created.update(new Hashtable<>(Map.of("kura.service.pid", "backup-link", "name", "backup", "enable", false)));

        ServiceReference<ConfigurableComponent> listed = awaitConfigurable("(kura.service.pid=backup-link)");

        assertThat(listed.getProperty("service.pid")).isEqualTo(created.getPid());
        assertThat(listed.getProperty("service.factoryPid")).isEqualTo(FACTORY_PID);

        created.delete();
        await("the listing goes with the configuration").atMost(TIMEOUT).until(() -> context.getServiceReferences(
            ConfigurableComponent.class, "(kura.service.pid=backup-link)").isEmpty());
    }

    @Test
    public void thenKurasMetatypeParserFindsEveryPropertyAndThePasswords() throws Exception {
        Bundle tether = installed(PID);
        MetaTypeInformation information = context.getService(context.getServiceReference(MetaTypeService.class))
            .getMetaTypeInformation(tether);
        // ComponentUtil.getMetadata: the PIDs come from the MetaTypeService, the definitions from the files
        assertThat(information.getPids()).contains(PID);
        assertThat(information.getFactoryPids()).contains(FACTORY_PID);

        for (String pid : List.of(PID, FACTORY_PID)) {
            KuraMetatype.Metadata metadata = KuraMetatype.read(tether, pid);
            assertThat(metadata).as("OSGI-INF/metatype/%s.xml", pid).isNotNull();
            KuraMetatype.Ocd ocd = metadata.ocds().stream().filter(o -> o.id().equals(pid)).findFirst()
                .orElseThrow(() -> new AssertionError("no OCD with id " + pid + " read without namespaces"));
            assertThat(metadata.designates()).anySatisfy(designate -> {
                assertThat(pid.equals(PID) ? designate.pid() : designate.factoryPid()).isEqualTo(pid);
                assertThat(designate.ocdref()).isEqualTo(pid);
            });
            int all = information.getObjectClassDefinition(pid, null)
                .getAttributeDefinitions(ObjectClassDefinition.ALL).length;
            assertThat(ocd.ads()).as("every property, as the MetaTypeService sees them").hasSize(all);
            assertThat(ocd.ads()).allSatisfy(ad -> assertThat(KuraMetatype.KURA_TYPES).contains(ad.type()));
            assertThat(ocd.ads().stream().filter(ad -> ad.type().equals("Password")).map(KuraMetatype.Ad::id))
                .containsExactlyInAnyOrderElementsOf(PASSWORDS);
            assertThat(ocd.ads().stream().map(KuraMetatype.Ad::id)).contains("enable", "server", "user");
        }
    }

    // ---- passwords

    @Test
    public void givenAPasswordKuraEncrypted_thenTetherConnectsWithItDecrypted() throws Exception {
        registerCryptoService();

        configure(PID, connection(encrypted(KuraBroker.PASSWORD)));

        TetherServices.awaitConnected(context, "default", TIMEOUT);
    }

    @Test
    public void givenNoCryptoServiceYet_thenTheCiphertextIsRefused_andTetherConnectsOnceItArrives() throws Exception {
        configure(PID, connection(encrypted(KuraBroker.PASSWORD)));
        MqttService service = TetherServices.service(context, "default", TIMEOUT);
        await("the broker refuses the encrypted text as a password").atMost(TIMEOUT)
            .until(() -> service.status().lastError().orElse(""), error -> error.contains("refused"));
        assertThat(service.state()).isNotEqualTo(ConnectionState.CONNECTED);

        // as after a Kura restart in which Tether started before Kura's CryptoService
        registerCryptoService();

        TetherServices.awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
    }

    @Test
    public void givenAPlainPassword_thenItIsUsedAsWritten() throws Exception {
        registerCryptoService();

        configure(PID, connection(KuraBroker.PASSWORD));

        TetherServices.awaitConnected(context, "default", TIMEOUT);
    }

    @Test
    public void givenANamedConnectionWithAnEncryptedPassword_thenItConnectsToo() throws Exception {
        registerCryptoService();
        Map<String, Object> properties = new HashMap<>(connection(encrypted(KuraBroker.PASSWORD)));
        properties.put("name", "second");
        properties.put("kura.service.pid", "second-link");

        configAdmin.createFactoryConfiguration(FACTORY_PID, null).update(new Hashtable<>(properties));

        TetherServices.awaitConnected(context, "second", TIMEOUT);
    }
}
