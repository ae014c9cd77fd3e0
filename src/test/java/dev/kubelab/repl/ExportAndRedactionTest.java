package dev.kubelab.repl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportAndRedactionTest {

    static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    @Test
    void kubeconfigSecretsAreRedacted() {
        String kubeconfig = """
                users:
                - name: admin
                  user:
                    token: abc123secret
                    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==
                    client-certificate-data: LS0tLS1CRUdJTiBDRVJU
                """;
        String r = Redactor.redact(kubeconfig);
        assertFalse(r.contains("abc123secret"), r);
        assertFalse(r.contains("LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ=="), r);
        assertTrue(r.contains("token: REDACTED"), r);
        assertFalse(Redactor.redact("curl -H 'Authorization: Bearer " + JWT + "'").contains(JWT));
        assertFalse(Redactor.redact("kubectl --token=s3cr3t get pods").contains("s3cr3t"));
        assertEquals("kubectl get pods -n garage", Redactor.redact("kubectl get pods -n garage"));
    }

    @Test
    void markdownAndHtmlReadAsANotebook() {
        Transcript t = new Transcript();
        t.heading("Step 1 of 2: Every pod gets an IP");
        t.input("kubectl", "kubectl config view --raw");
        t.output("    token: " + JWT);
        t.input("answer", "yes");
        t.input("java", "1 + 1");
        t.output("$1 ==> 2");
        List<Transcript.Entry> entries = t.entries();
        String md = TranscriptExport.markdown(entries, "kubelab: Pod IPs");
        assertTrue(md.startsWith("# kubelab: Pod IPs\n\n## Step 1 of 2: Every pod gets an IP\n\n```bash\nkubectl config view --raw\n```"), md);
        assertTrue(md.contains("> **Answer:** yes"), md);
        assertTrue(md.contains("```java\n1 + 1\n```"), md);
        assertFalse(md.contains(JWT), md);
        String html = TranscriptExport.html(entries, "kubelab: <Pod IPs>");
        assertTrue(html.contains("<title>kubelab: &lt;Pod IPs&gt;</title>"), html);
        assertTrue(html.contains("<pre class=\"out\">$1 ==&gt; 2</pre>"), html);
        assertFalse(html.contains(JWT), html);
    }

    @Test
    void unknownCommandsGetASuggestion() {
        Dispatcher d = new Dispatcher();
        assertEquals("next", d.suggest("nxt"));
        assertEquals("solution", d.suggest("sol"));
        assertEquals("export", d.suggest("exprot"));
        assertEquals(null, d.suggest("frobnicate"));
    }
}
