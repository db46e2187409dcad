package io.callsight.forecast;

/** A forecasting method: fitted on a history, it extends the series. Implementations are pure. */
public interface ForecastModel {

    /** Model name as stored in forecast runs. */
    String name();

    /**
     * Fits on {@code history} (equally spaced, oldest first, no gaps) and returns the next
     * {@code horizon} values.
     */
    double[] forecast(double[] history, int horizon);

    /** Whether the method applies to this history (enough points, positive values for multiplicative). */
    default boolean applies(double[] history) {
        return history.length >= 2;
    }

    /**
     * This method with its parameters estimated once on {@code history} (e.g. Holt-Winters'
     * smoothing weights), for a backtest that forecasts from many origins: refitting at every origin
     * costs much and changes little. Methods without parameters to estimate return themselves.
     */
    default ForecastModel tuned(double[] history) {
        return this;
    }
}
