package org.fangkong.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The objects one kustomization renders to, loaded with the fabric8 Kubernetes model (custom resources as generic). */
final class Overlay {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** A Deployment's or StatefulSet's pod template. */
    record Workload(String kind, String name, Map<String, String> selector, PodTemplateSpec template) {

        String app() {
            return template.getMetadata().getLabels().get("app.kubernetes.io/name");
        }

        boolean isApp() {
            return "app".equals(template.getMetadata().getLabels().get("app.kubernetes.io/component"));
        }
    }

    final String name;
    final String namespace;
    final List<HasMetadata> objects;

    private Overlay(String name, List<HasMetadata> objects) {
        this.name = name;
        this.objects = objects;
        this.namespace = objects.stream().map(o -> o.getMetadata().getNamespace()).filter(n -> n != null).findFirst().orElse("default");
    }

    /** Renders {@code k8s/overlays/<name>} (or any kustomization directory) and loads what it produces. */
    static Overlay render(String name, Path kustomization) {
        return parse(name, Kustomize.build(kustomization));
    }

    static Overlay parse(String name, String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isEmpty()) {
                    objects.add(SERIALIZATION.unmarshal(document.toString(), HasMetadata.class));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Overlay(name, objects);
    }

    <T extends HasMetadata> Stream<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast);
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    /** Custom resources of a kind (CloudNativePG's Cluster, ExternalSecret...). */
    Stream<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).filter(o -> kind.equals(o.getKind()));
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        all(Deployment.class).forEach(d -> workloads.add(new Workload("Deployment", d.getMetadata().getName(),
                d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate())));
        all(StatefulSet.class).forEach(s -> workloads.add(new Workload("StatefulSet", s.getMetadata().getName(),
                s.getSpec().getSelector().getMatchLabels(), s.getSpec().getTemplate())));
        return workloads;
    }

    List<Workload> apps() {
        return workloads().stream().filter(Workload::isApp).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
