package org.fangkong.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.fangkong.proto.agency.v1.Agency;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;

/**
 * Agencies build against fangkong.agency.v1: nothing they use may change under them. Every method, message field
 * number, type and label of the committed baseline must still be there as it was; additions are free. After an
 * additive change, regenerate the baseline: {@code ./mvnw -pl gateway test -Dtest=AgencyApiCompatibilityTest
 * -Dagency.baseline.write=true}.
 */
class AgencyApiCompatibilityTest {

    static final Path BASELINE = Path.of("src/test/resources/agency-v1-baseline.txt");

    static TreeSet<String> shape(FileDescriptor file) {
        TreeSet<String> lines = new TreeSet<>();
        for (ServiceDescriptor service : file.getServices()) {
            for (MethodDescriptor method : service.getMethods()) {
                lines.add("rpc " + method.getFullName() + "(" + (method.isClientStreaming() ? "stream " : "") + method.getInputType().getFullName()
                        + ") returns (" + (method.isServerStreaming() ? "stream " : "") + method.getOutputType().getFullName() + ")");
            }
        }
        List<Descriptor> messages = new ArrayList<>(file.getMessageTypes());
        for (int i = 0; i < messages.size(); i++) {
            messages.addAll(messages.get(i).getNestedTypes());
        }
        for (Descriptor message : messages) {
            for (FieldDescriptor field : message.getFields()) {
                String type = field.getType() == FieldDescriptor.Type.MESSAGE ? field.getMessageType().getFullName()
                        : field.getType() == FieldDescriptor.Type.ENUM ? field.getEnumType().getFullName() : field.getType().name();
                lines.add("field " + field.getFullName() + " = " + field.getNumber() + " " + (field.isRepeated() ? "repeated " : "") + type);
            }
        }
        return lines;
    }

    @Test
    void nothingAnAgencyUsesHasChangedOrGone() throws Exception {
        TreeSet<String> current = shape(Agency.getDescriptor());
        if (Boolean.getBoolean("agency.baseline.write")) {
            Files.write(BASELINE, current);
        }
        List<String> broken = Files.readAllLines(BASELINE).stream().filter(line -> !line.isBlank() && !current.contains(line)).toList();
        assertEquals(List.of(), broken, "fangkong.agency.v1 changed what agencies rely on (removed, renumbered or retyped); add instead, or make v2");
    }
}
