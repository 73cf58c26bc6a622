package fr.hygie.synth;

import java.util.SplittableRandom;

/**
 * Derives an independent random stream per (seed, purpose, entity index), so that an entity is
 * the same whatever the order, batching or parallelism of generation.
 */
final class Seeds {

    static final long IDENTITY = 1;
    static final long PERSON = 2;
    static final long CARE = 3;
    static final long STRUCTURE = 4;
    static final long PROFESSIONAL = 5;

    private Seeds() {
    }

    static SplittableRandom random(long seed, long purpose, long index) {
        long z = seed;
        z = splitMix(z ^ splitMix(purpose * 0x9E3779B97F4A7C15L));
        z = splitMix(z ^ splitMix(index + 0x632BE59BD9B4E019L));
        return new SplittableRandom(z);
    }

    private static long splitMix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double gaussian(SplittableRandom r) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double normal(SplittableRandom r, double mean, double sd) {
        return mean + sd * gaussian(r);
    }

    static double round(double value, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }
}
