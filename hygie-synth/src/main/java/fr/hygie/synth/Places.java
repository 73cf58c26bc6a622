package fr.hygie.synth;

import java.util.List;
import java.util.SplittableRandom;

/** Addresses and coordinates around a commune. */
final class Places {

    private static final List<String> STREETS = List.of(
            "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "place de la Mairie",
            "boulevard Gambetta", "rue Pasteur", "chemin des Vignes", "rue des Écoles", "allée des Tilleuls",
            "impasse des Lilas", "rue du Général de Gaulle", "avenue de la Gare", "rue Jean Moulin",
            "rue de l'Église", "boulevard Victor Hugo", "rue Émile Zola", "avenue des Tamarins",
            "rue des Flamboyants", "rue du Moulin", "route de la Plage", "rue Anatole France", "rue Voltaire",
            "place du Marché", "rue Louis Pasteur", "avenue du Maréchal Foch", "rue de Verdun");

    private Places() {
    }

    static String address(SplittableRandom r) {
        return (1 + r.nextInt(120)) + " " + STREETS.get(r.nextInt(STREETS.size()));
    }

    /** A point near the commune centre, spread according to its size; rounded to 5 decimals (about 1 m). */
    static double[] near(ReferenceData.Commune c, SplittableRandom r) {
        double radiusKm = Math.min(6.0, 0.5 + Math.sqrt(c.population() / 10000.0));
        double dy = Seeds.gaussian(r) * radiusKm / 2;
        double dx = Seeds.gaussian(r) * radiusKm / 2;
        double lat = c.latitude() + dy / 111.0;
        double lon = c.longitude() + dx / (111.0 * Math.cos(Math.toRadians(c.latitude())));
        return new double[] {Seeds.round(lat, 5), Seeds.round(lon, 5)};
    }

    /** Squared equirectangular distance, enough to rank neighbours. */
    static double distance2(double lat1, double lon1, double lat2, double lon2) {
        double x = (lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        double y = lat2 - lat1;
        return x * x + y * y;
    }
}
