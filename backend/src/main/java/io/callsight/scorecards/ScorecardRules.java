package io.callsight.scorecards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The composite score and the tiers from {@link ScorecardConfig}. Each KPI is put on 0-100 first: adherence,
 * FCR x 100; quality and CSAT as they are; AHT and ACW as 100 x min(1, target / actual).
 */
final class ScorecardRules {

    private final String weightsText;
    private final String tiersText;
    private final double targetAht;
    private final double targetAcw;

    ScorecardRules(ScorecardConfig config) {
        this.weightsText = config.weights();
        this.tiersText = config.tiers();
        this.targetAht = config.targetAhtSeconds();
        this.targetAcw = config.targetAcwSeconds();
    }

    public double targetAht() {
        return targetAht;
    }

    public double targetAcw() {
        return targetAcw;
    }

    public Map<String, Double> weights() {
        Map<String, Double> w = new LinkedHashMap<>();
        for (String part : weightsText.split(",")) {
            String[] kv = part.split(":");
            if (kv.length == 2) {
                w.put(kv[0].strip().toLowerCase(Locale.ROOT), Double.parseDouble(kv[1].strip()));
            }
        }
        return w;
    }

    public List<ScorecardWeight> weightList() {
        List<ScorecardWeight> list = new ArrayList<>();
        weights().forEach((k, v) -> list.add(new ScorecardWeight(k, v)));
        return list;
    }

    /** Highest threshold first. */
    public List<ScorecardTier> tiers() {
        List<ScorecardTier> tiers = new ArrayList<>();
        for (String part : tiersText.split(",")) {
            int colon = part.lastIndexOf(':');
            if (colon > 0) {
                tiers.add(new ScorecardTier(part.substring(0, colon).strip(), Double.parseDouble(part.substring(colon + 1).strip())));
            }
        }
        tiers.sort((a, b) -> Double.compare(b.minScore(), a.minScore()));
        return tiers;
    }

    public String tier(Double score) {
        if (score == null) {
            return null;
        }
        for (ScorecardTier t : tiers()) {
            if (score >= t.minScore()) {
                return t.name();
            }
        }
        return null;
    }

    /**
     * The weighted mean of the KPIs known, each on 0-100; null when none is known. Percent KPIs arrive as
     * 0-1 shares, times in seconds.
     */
    public Double composite(Double adherence, Double quality, Double csat, Double fcr, Double aht, Double acw) {
        Map<String, Double> w = weights();
        double sum = 0;
        double weights = 0;
        Object[][] parts = {
            {"adherence", adherence == null ? null : adherence * 100},
            {"quality", quality},
            {"csat", csat},
            {"fcr", fcr == null ? null : fcr * 100},
            {"aht", aht == null || aht <= 0 ? null : 100 * Math.min(1, targetAht / aht)},
            {"acw", acw == null ? null : acw <= 0 ? 100.0 : 100 * Math.min(1, targetAcw / acw)},
        };
        for (Object[] p : parts) {
            Double weight = w.get((String) p[0]);
            if (p[1] != null && weight != null && weight > 0) {
                sum += weight * (Double) p[1];
                weights += weight;
            }
        }
        return weights == 0 ? null : sum / weights;
    }
}
