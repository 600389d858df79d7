package dev.tether.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The metatype of a configuration PID as a bundle jar declares it ({@code OSGI-INF/metatype/*.xml}), so a test can
 * check the web console against what the bundle says rather than against a list of its own.
 */
final class Metatype {

    private Metatype() {
    }

    /**
     * One attribute definition.
     *
     * @param id   the property name
     * @param name the label the console shows
     * @param type String, Integer, Boolean, Password, ...
     */
    record Attribute(String id, String name, String type) {

        boolean password() {
            return "Password".equals(type);
        }
    }

    /**
     * @param bundlesDir the folder of bundle jars
     * @param artifactId the jar's name up to its version, such as {@code dev.tether.mqtt}
     * @return the jar
     */
    static Path bundle(Path bundlesDir, String artifactId) throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(artifactId) + "-\\d[^/]*\\.jar");
        try (Stream<Path> files = Files.list(bundlesDir)) {
            return files.filter(file -> name.matcher(file.getFileName().toString()).matches()).findFirst()
                .orElseThrow(() -> new IOException("no " + artifactId + "-<version>.jar in " + bundlesDir));
        }
    }

    /**
     * @param bundleJar a bundle jar
     * @param pid       a (non-factory) PID its metatype designates
     * @return the attributes of the PID's object class definition, in the order declared
     * @throws IOException if the jar has no metatype for the PID
     */
    static List<Attribute> attributes(Path bundleJar, String pid) throws IOException {
        Map<String, Element> ocds = new HashMap<>();
        String ocdRef = null;
        try (JarFile jar = new JarFile(bundleJar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().startsWith("OSGI-INF/metatype/") || !entry.getName().endsWith(".xml")) {
                    continue;
                }
                Document document;
                try (InputStream in = jar.getInputStream(entry)) {
                    document = parse(in);
                }
                for (Element ocd : elements(document, "OCD")) {
                    ocds.put(ocd.getAttribute("id"), ocd);
                }
                for (Element designate : elements(document, "Designate")) {
                    if (pid.equals(designate.getAttribute("pid"))) {
                        ocdRef = ((Element) designate.getElementsByTagNameNS("*", "Object").item(0))
                            .getAttribute("ocdref");
                    }
                }
            }
        }
        Element ocd = ocds.get(ocdRef);
        if (ocd == null) {
            throw new IOException(bundleJar.getFileName() + " has no metatype for PID " + pid);
        }
        List<Attribute> attributes = new ArrayList<>();
        for (Element ad : elements(ocd, "AD")) {
            attributes.add(new Attribute(ad.getAttribute("id"), ad.getAttribute("name"), ad.getAttribute("type")));
        }
        return attributes;
    }

    private static Document parse(InputStream in) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable metatype: " + e.getMessage(), e);
        }
    }

    private static List<Element> elements(Document document, String localName) {
        return elements(document.getElementsByTagNameNS("*", localName));
    }

    private static List<Element> elements(Element parent, String localName) {
        return elements(parent.getElementsByTagNameNS("*", localName));
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }
}
