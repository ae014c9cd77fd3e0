package dev.kubelab.lesson;

import java.util.List;

/** A heading (##) and the blocks under it. */
public record Step(String id, String title, int line, List<Block> blocks) {

    public Step {
        blocks = List.copyOf(blocks);
    }

    public <T extends Block> List<T> blocks(Class<T> type) {
        return blocks.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
