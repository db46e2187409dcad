package io.callsight.scorecards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/**
 * The composite score's weights, the handle-time target and the tiers, from configuration
 * (callsight.scorecard.*, documented in the README). Each KPI is put on 0-100 first: adherence, FCR x 100;
 * quality and CSAT as they are; AHT and ACW as 100 x min(1, target / actual).
 */
@ApplicationScoped
public class ScorecardConfig {

    @Type("ScorecardTier")
    public record Tier(String name, @Description("Lowest composite score of the tier") double minScore) {
    }

    @Type("ScorecardWeight")
    public record Weight(String kpi, double weight) {
    }

    @ConfigProperty(name = "callsight.scorecard.weights", defaultValue = "adherence:0.2,quality:0.25,csat:0.2,fcr:0.2,aht:0.1,acw:0.05")
    String weightsText;

    @ConfigProperty(name = "callsight.scorecard.tiers", defaultValue = "Top Performer:92,Exceeds Expectations:85,Meets Expectations:75,Needs Coaching:0")
    String tiersText;

    @ConfigProperty(name = "callsight.scorecard.target-aht-seconds", defaultValue = "300")
    double targetAht;

    @ConfigProperty(name = "callsight.scorecard.target-acw-seconds", defaultValue = "60")
    double targetAcw;

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
                w.put(kv[0].strip().toLowerCase(java.util.Locale.ROOT), Double.parseDouble(kv[1].strip()));
            }
        }
        return w;
    }

    public List<Weight> weightList() {
        List<Weight> list = new ArrayList<>();
        weights().forEach((k, v) -> list.add(new Weight(k, v)));
        return list;
    }

    /** Highest threshold first. */
    public List<Tier> tiers() {
        List<Tier> tiers = new ArrayList<>();
        for (String part : tiersText.split(",")) {
            int colon = part.lastIndexOf(':');
            if (colon > 0) {
                tiers.add(new Tier(part.substring(0, colon).strip(), Double.parseDouble(part.substring(colon + 1).strip())));
            }
        }
        tiers.sort((a, b) -> Double.compare(b.minScore(), a.minScore()));
        return tiers;
    }

    public String tier(Double score) {
        if (score == null) {
            return null;
        }
        for (Tier t : tiers()) {
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
