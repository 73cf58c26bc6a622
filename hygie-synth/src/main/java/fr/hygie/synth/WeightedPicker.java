package fr.hygie.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Picks among items with probabilities proportional to their weights. */
final class WeightedPicker<T> {

    private final List<T> items;
    private final double[] cumulative;

    WeightedPicker(List<T> items, ToDoubleFunction<T> weight) {
        this.items = List.copyOf(items);
        this.cumulative = new double[items.size()];
        double total = 0;
        for (int i = 0; i < items.size(); i++) {
            double w = weight.applyAsDouble(items.get(i));
            if (w < 0) {
                throw new IllegalArgumentException("Negative weight for " + items.get(i));
            }
            total += w;
            cumulative[i] = total;
        }
        if (items.isEmpty() || total <= 0) {
            throw new IllegalArgumentException("Nothing to pick from");
        }
    }

    static <T> WeightedPicker<T> of(List<T> items, ToDoubleFunction<T> weight) {
        List<T> kept = new ArrayList<>();
        for (T item : items) {
            if (weight.applyAsDouble(item) > 0) {
                kept.add(item);
            }
        }
        return new WeightedPicker<>(kept, weight);
    }

    T pick(SplittableRandom random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        if (i < 0) {
            i = -i - 1;
        } else {
            i = i + 1; // x equal to a bound belongs to the next item
        }
        return items.get(Math.min(i, items.size() - 1));
    }

    List<T> items() {
        return items;
    }
}
