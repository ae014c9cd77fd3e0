package dev.kubelab.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A port-forward is recognised (and run in the background) wherever the namespace flag stands. */
class CommandVerbTest {

    @Test
    void verbSkipsGlobalFlagsAndTheirValues() {
        assertEquals("port-forward", CommandRunner.verb(List.of("port-forward", "svc/web", "18300:80")));
        assertEquals("port-forward", CommandRunner.verb(List.of("-n", "dagster", "port-forward", "svc/web", "18300:80")));
        assertEquals("port-forward", CommandRunner.verb(List.of("--namespace", "dagster", "port-forward", "svc/web", "18300:80")));
        assertEquals("port-forward", CommandRunner.verb(List.of("--namespace=dagster", "--context", "kind-x", "port-forward", "pod/p", "1:2")));
        assertEquals("get", CommandRunner.verb(List.of("-n", "port-forward", "get", "pods")));
        assertNull(CommandRunner.verb(List.of("-n", "dagster")));
    }

    @Test
    void flagsThatWouldLeaveTheLessonsClusterAreFoundInEveryForm() {
        assertEquals("--kubeconfig", CommandRunner.otherClusterFlag(List.of("--kubeconfig", "/root/.kube/config", "get", "pods")));
        assertEquals("--context", CommandRunner.otherClusterFlag(List.of("get", "pods", "--context=prod")));
        assertEquals("-s", CommandRunner.otherClusterFlag(List.of("-s", "https://prod:6443", "get", "ns")));
        assertEquals("-s", CommandRunner.otherClusterFlag(List.of("-shttps://prod:6443", "get", "ns")));
        assertEquals("-s", CommandRunner.otherClusterFlag(List.of("-s=https://prod:6443", "get", "ns")));
        assertEquals("--server", CommandRunner.otherClusterFlag(List.of("get", "ns", "--server=https://prod:6443")));
        assertEquals("--token", CommandRunner.otherClusterFlag(List.of("--token", "abc", "get", "ns")));
        assertEquals("--insecure-skip-tls-verify", CommandRunner.otherClusterFlag(List.of("get", "ns", "--insecure-skip-tls-verify")));
    }

    @Test
    void theContainersOwnFlagsAndLessonFlagsAreLeftAlone() {
        // after --, words belong to the command run in the container: curl -s is not kubectl's -s
        assertNull(CommandRunner.otherClusterFlag(List.of("exec", "-n", "shop", "client", "--", "curl", "-s", "--token", "x", "http://web")));
        assertNull(CommandRunner.otherClusterFlag(List.of("create", "rolebinding", "r", "--role=view", "--user=alice")));
        assertNull(CommandRunner.otherClusterFlag(List.of("-n", "shop", "get", "pods", "-o", "wide", "--show-labels")));
        assertNull(CommandRunner.otherClusterFlag(List.of("config", "set-context", "--current", "--namespace=shop")));
    }

    @Test
    void kubeconfigEditsThatChangeTheConnectionAreFound() {
        // TLS verification off, another server, other credentials, another context: all through the kubeconfig kubelab uses
        assertEquals("kubectl config set", CommandRunner.kubeconfigEdit(List.of("config", "set", "clusters.local.insecure-skip-tls-verify", "true")));
        assertEquals("kubectl config set", CommandRunner.kubeconfigEdit(List.of("config", "set", "clusters.local.server", "https://evil:6443")));
        assertEquals("kubectl config set-cluster", CommandRunner.kubeconfigEdit(List.of("config", "set-cluster", "local", "--certificate-authority=/x")));
        assertEquals("kubectl config set-credentials", CommandRunner.kubeconfigEdit(List.of("-n", "shop", "config", "set-credentials", "me")));
        assertEquals("kubectl config use-context", CommandRunner.kubeconfigEdit(List.of("config", "use-context", "prod")));
        assertEquals("kubectl config unset", CommandRunner.kubeconfigEdit(List.of("config", "unset", "users.me")));
        // reading it, and a context's namespace, stay allowed
        assertNull(CommandRunner.kubeconfigEdit(List.of("config", "view", "--minify")));
        assertNull(CommandRunner.kubeconfigEdit(List.of("config", "current-context")));
        assertNull(CommandRunner.kubeconfigEdit(List.of("config", "set-context", "--current", "--namespace=shop")));
        assertNull(CommandRunner.kubeconfigEdit(List.of("config", "set", "contexts.local.namespace", "shop")));
        assertNull(CommandRunner.kubeconfigEdit(List.of("get", "configmap", "config")));
    }
}
