package dev.tether.mqtt.kura.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.osgi.framework.Bundle;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads a bundle's metatype file the way Kura's ConfigurationService does (ComponentUtil.readMetadata and the
 * XmlJavaMetadataMapper of org.eclipse.kura.xml.marshaller.unmarshaller.provider): the file
 * {@code OSGI-INF/metatype/<pid>.xml} of that bundle, elements matched by {@code getNodeName()} without a
 * namespace ({@code OCD}, {@code AD}, {@code Designate}, {@code Object}), so a prefixed element is not seen.
 */
final class KuraMetatype {

    /** The AD types Kura's Scalar enumeration knows. */
    static final List<String> KURA_TYPES = List.of("String", "Long", "Double", "Float", "Integer", "Byte", "Char",
        "Boolean", "Short", "Password");

    record Ad(String id, String type) {
    }

    record Ocd(String id, List<Ad> ads) {
    }

    record Designate(String pid, String factoryPid, String ocdref) {
    }

    record Metadata(List<Ocd> ocds, List<Designate> designates) {
    }

    private KuraMetatype() {
    }

    /** @return the parsed file, or null when the bundle has no file for this PID (Kura then skips the PID) */
    static Metadata read(Bundle bundle, String pid) throws IOException, SAXException, ParserConfigurationException {
        URL entry = bundle.getEntry("OSGI-INF/metatype/" + pid + ".xml");
        if (entry == null) {
            return null;
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Element root;
        try (InputStream in = entry.openStream()) {
            root = factory.newDocumentBuilder().parse(in).getDocumentElement();
        }
        List<Ocd> ocds = new ArrayList<>();
        List<Designate> designates = new ArrayList<>();
        for (Element child : children(root)) {
            if (child.getNodeName().equals("OCD")) {
                List<Ad> ads = new ArrayList<>();
                for (Element ad : children(child)) {
                    if (ad.getNodeName().equals("AD")) {
                        ads.add(new Ad(ad.getAttribute("id"), ad.getAttribute("type")));
                    }
                }
                ocds.add(new Ocd(child.getAttribute("id"), ads));
            } else if (child.getNodeName().equals("Designate")) {
                String ocdref = children(child).stream().filter(e -> e.getNodeName().equals("Object"))
                    .map(e -> e.getAttribute("ocdref")).findFirst().orElse("");
                designates.add(new Designate(child.getAttribute("pid"), child.getAttribute("factoryPid"), ocdref));
            }
        }
        return new Metadata(ocds, designates);
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}
