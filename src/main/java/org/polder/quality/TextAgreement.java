package org.polder.quality;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Free-text answers aggregated by agreement: answers that are the same after normalising (case, spacing, accents'
 * composed form, trailing punctuation) count as one; the answer that most workers gave wins; without a majority
 * the answer closest to all the others (by edit distance) is chosen, as Crowd-Kit's ClosestToAverage does for
 * embeddings. The confidence is the answers' mean similarity to the chosen one (1 when all agree).
 */
public final class TextAgreement {

    private TextAgreement() {
    }

    /** The chosen answer (in the spelling most workers used), its confidence, and how many answered. */
    public record Result(String value, double confidence, int answers) {
    }

    public static Result aggregate(List<String> answers) {
        List<String> given = answers.stream().filter(a -> a != null && !a.isBlank()).toList();
        if (given.isEmpty()) {
            return new Result(null, 0, 0);
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String a : given) {
            groups.computeIfAbsent(normalise(a), k -> new ArrayList<>()).add(a.strip());
        }
        int most = groups.values().stream().mapToInt(List::size).max().orElse(0);
        List<String> leaders = groups.entrySet().stream().filter(e -> e.getValue().size() == most).map(Map.Entry::getKey).toList();
        String chosen;
        if (leaders.size() == 1) {
            chosen = leaders.get(0);
        } else {
            // No single most frequent answer: the one closest on average to every answer given.
            chosen = leaders.get(0);
            double best = -1;
            for (String candidate : leaders) {
                double mean = given.stream().mapToDouble(a -> similarity(normalise(a), candidate)).average().orElse(0);
                if (mean > best + 1e-12) {
                    best = mean;
                    chosen = candidate;
                }
            }
        }
        String key = chosen;
        double confidence = given.stream().mapToDouble(a -> similarity(normalise(a), key)).average().orElse(0);
        return new Result(mostCommonSpelling(groups.get(chosen)), confidence, given.size());
    }

    static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return s.replaceAll("[.!?,;:]+$", "");
    }

    /** 1 minus the edit distance over the longer length: 1 for equal texts, 0 for nothing in common. */
    static double similarity(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        return longer == 0 ? 1 : 1 - (double) levenshtein(a, b) / longer;
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private static String mostCommonSpelling(List<String> spellings) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        spellings.forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
    }
}
