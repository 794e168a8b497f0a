package org.polder.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Categorical answers in compact form: answer {@code n} is worker {@code worker[n]} choosing class
 * {@code label[n]} for task {@code task[n]}. Tasks, workers and classes are dense indices; their
 * names are kept for output. Memory is three int arrays, so millions of answers fit easily.
 */
public final class Answers {

    private final String[] taskIds;
    private final String[] workerIds;
    private final int classes;
    private final int[] task;
    private final int[] worker;
    private final int[] label;

    private Answers(String[] taskIds, String[] workerIds, int classes, int[] task, int[] worker, int[] label) {
        this.taskIds = taskIds;
        this.workerIds = workerIds;
        this.classes = classes;
        this.task = task;
        this.worker = worker;
        this.label = label;
    }

    public int size() {
        return task.length;
    }

    public int tasks() {
        return taskIds.length;
    }

    public int workers() {
        return workerIds.length;
    }

    public int classes() {
        return classes;
    }

    public int task(int n) {
        return task[n];
    }

    public int worker(int n) {
        return worker[n];
    }

    public int label(int n) {
        return label[n];
    }

    public String taskId(int t) {
        return taskIds[t];
    }

    public String workerId(int w) {
        return workerIds[w];
    }

    public static Builder builder(int classes) {
        return new Builder(classes);
    }

    /** Collects answers by id; classes are 0 .. classes-1. */
    public static final class Builder {

        private final int classes;
        private final Map<String, Integer> tasks = new HashMap<>();
        private final Map<String, Integer> workers = new HashMap<>();
        private final List<String> taskIds = new ArrayList<>();
        private final List<String> workerIds = new ArrayList<>();
        private int[] task = new int[1024];
        private int[] worker = new int[1024];
        private int[] label = new int[1024];
        private int size;

        private Builder(int classes) {
            if (classes < 2) {
                throw new IllegalArgumentException("at least two classes, was " + classes);
            }
            this.classes = classes;
        }

        /** Registers a task even if nobody answered it yet. */
        public int task(String id) {
            return tasks.computeIfAbsent(id, k -> {
                taskIds.add(k);
                return taskIds.size() - 1;
            });
        }

        public Builder add(String taskId, String workerId, int answer) {
            if (answer < 0 || answer >= classes) {
                throw new IllegalArgumentException("answer " + answer + " is not a class 0.." + (classes - 1));
            }
            int t = task(taskId);
            int w = workers.computeIfAbsent(workerId, k -> {
                workerIds.add(k);
                return workerIds.size() - 1;
            });
            if (size == task.length) {
                int grown = size * 2;
                task = java.util.Arrays.copyOf(task, grown);
                worker = java.util.Arrays.copyOf(worker, grown);
                label = java.util.Arrays.copyOf(label, grown);
            }
            task[size] = t;
            worker[size] = w;
            label[size] = answer;
            size++;
            return this;
        }

        public Answers build() {
            return new Answers(taskIds.toArray(String[]::new), workerIds.toArray(String[]::new), classes,
                    java.util.Arrays.copyOf(task, size), java.util.Arrays.copyOf(worker, size),
                    java.util.Arrays.copyOf(label, size));
        }
    }
}
