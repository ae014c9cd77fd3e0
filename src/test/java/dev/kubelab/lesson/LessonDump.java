package dev.kubelab.lesson;

/** A readable, stable text form of a parsed lesson, for golden files. */
final class LessonDump {

    private LessonDump() {
    }

    static String dump(Lesson l) {
        StringBuilder sb = new StringBuilder();
        sb.append("lesson ").append(l.id()).append(" \"").append(l.title()).append("\" ").append(l.minutes()).append(" min\n");
        sb.append("  namespaces ").append(l.namespaces()).append(" images ").append(l.images())
                .append(" requires ").append(l.requires()).append(" clusterScoped ").append(l.clusterScoped()).append('\n');
        l.intro().forEach(b -> sb.append("  ").append(block(b)).append('\n'));
        for (Step s : l.steps()) {
            sb.append("step ").append(s.id()).append(" \"").append(s.title()).append("\" @").append(s.line()).append('\n');
            s.blocks().forEach(b -> sb.append("  ").append(block(b)).append('\n'));
        }
        return sb.toString();
    }

    private static String block(Block b) {
        String head = b.getClass().getSimpleName() + " @" + b.line() + ": ";
        if (b instanceof Block.Prose p) {
            return head + p.markdown().lines().findFirst().orElse("");
        } else if (b instanceof Block.Setup s) {
            return head + s.yaml().lines().filter(x -> x.startsWith("kind:")).toList();
        } else if (b instanceof Block.Prediction p) {
            return head + p.spec();
        } else if (b instanceof Block.Check c) {
            return head + c.spec();
        } else if (b instanceof Block.Solution s) {
            return head + s.commands();
        } else if (b instanceof Block.Wrong w) {
            return head + w;
        } else if (b instanceof Block.Hint h) {
            return head + h.markdown();
        } else if (b instanceof Block.Cell c) {
            return head + c.language() + " " + c.code();
        }
        return head + b;
    }
}
