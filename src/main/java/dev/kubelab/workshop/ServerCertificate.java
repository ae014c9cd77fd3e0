package dev.kubelab.workshop;

import dev.kubelab.kube.PrivateFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * The workshop server's own TLS certificate: self-signed, made by {@code workshop provision} when
 * {@code --server} is an https URL, for that URL's host (and the loopback names). Its SHA-256
 * fingerprint goes into every join file, and learners' kubelab trusts that certificate and no
 * other ({@link #pinnedContext}): no CA is needed in a training room, and nobody on its network
 * can stand in for the server.
 */
public final class ServerCertificate {

    public static final String KEYSTORE = "server-tls.p12";
    public static final String PASSWORD = "server-tls.pass";
    private static final Duration VALID = Duration.ofDays(30);

    private ServerCertificate() {
    }

    /** Makes the key pair and certificate in {@code dir} (both files 0600); returns the fingerprint. */
    public static String create(Path dir, String host) throws IOException {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(256);
            KeyPair pair = gen.generateKeyPair();
            X500Name name = new X500Name("CN=kubelab workshop " + host);
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALID)), name, pair.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames(host).toArray(GeneralName[]::new)));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            String password = WorkshopFile.newToken();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", pair.getPrivate(), password.toCharArray(), new java.security.cert.Certificate[] {cert});
            Path store = dir.resolve(KEYSTORE);
            PrivateFiles.write(dir.resolve(PASSWORD), password + "\n");
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            ks.store(bytes, password.toCharArray());
            PrivateFiles.write(store, bytes.toByteArray());
            return fingerprint(cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the server's TLS certificate: " + e.getMessage(), e);
        }
    }

    /** The keystore and its password, when provision made them in {@code dir}; null when the workshop is plain HTTP. */
    public record Keystore(Path file, String password) {
        public static Keystore in(Path dir) throws IOException {
            Path file = dir.resolve(KEYSTORE);
            if (!Files.isRegularFile(file)) {
                return null;
            }
            return new Keystore(file, Files.readString(dir.resolve(PASSWORD)).strip());
        }

        public String fingerprint() throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password.toCharArray());
                return ServerCertificate.fingerprint((X509Certificate) ks.getCertificate("server"));
            } catch (GeneralSecurityException e) {
                throw new IOException(file + " is not the server's keystore: " + e.getMessage(), e);
            }
        }
    }

    /** {@code SHA256:AB:CD:...} of the certificate's DER encoding, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public static String fingerprint(X509Certificate cert) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        return "SHA256:" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /**
     * A client TLS context that trusts exactly the certificate with this fingerprint (the host name
     * is still checked by the HTTP client against the certificate's names).
     */
    public static SSLContext pinnedContext(String fingerprint) {
        X509TrustManager pinned = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("kubelab's workshop client does not serve TLS");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    if (chain == null || chain.length == 0 || !fingerprint(chain[0]).equalsIgnoreCase(fingerprint)) {
                        throw new CertificateException("the workshop server's certificate is not the one in your join file "
                                + "(expected " + fingerprint + "): refusing to send your events there");
                    }
                    chain[0].checkValidity();
                } catch (GeneralSecurityException e) {
                    throw e instanceof CertificateException c ? c : new CertificateException(e);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {pinned}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM: " + e.getMessage(), e);
        }
    }

    private static List<GeneralName> altNames(String host) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        if (host != null && !host.isBlank() && !host.equals("localhost") && !host.equals("127.0.0.1")) {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            names.add(new GeneralName(looksLikeAddress(h) ? GeneralName.iPAddress : GeneralName.dNSName, h));
        }
        return names;
    }

    private static boolean looksLikeAddress(String h) {
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h) != null;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
