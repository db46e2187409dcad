package io.callsight.compliance;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.callsight.feeds.FeedHolds;
import io.callsight.feeds.HeldLead;
import io.callsight.feeds.HeldLeadConnection;
import io.callsight.reports.CallFilter;
import io.callsight.security.Access;
import io.callsight.security.Audited;
import io.callsight.security.Roles;

/** Calling-rule compliance: the rules, the report, the do-not-call list and the feed hold. */
@GraphQLApi
@Audited
@Access({ Roles.ADMIN, Roles.ANALYST })
public class ComplianceGraphQLApi {

    @Inject
    ComplianceService compliance;

    @Inject
    ComplianceHolidayService holidays;

    @Inject
    FeedHolds holds;

    @Query("complianceReport")
    @Description("Calling-rule violations of the calls the filter covers: counts per rule, campaign, agent and day, and "
            + "the violating calls (newest first, paged; numbers masked for ANALYST). `rules` narrows to rule codes; "
            + "`knownLocationOnly` leaves out the violations found only because the lead's location is unknown.")
    public @NonNull ComplianceReport complianceReport(@Name("filter") CallFilter filter,
            @Name("rules") List<String> rules,
            @Name("knownLocationOnly") @DefaultValue("false") boolean knownLocationOnly,
            @Name("first") Integer first, @Name("after") String after) {
        return compliance.report(filter, rules, knownLocationOnly, first, after);
    }

    @Query("complianceRules")
    @Description("The calling rules per jurisdiction (US = federal, else a state), each with its legal source")
    public @NonNull List<@NonNull ComplianceRule> complianceRules() {
        return compliance.rules();
    }

    @Mutation("setComplianceRule")
    @Description("Creates or replaces a calling rule (by code; ADMIN, audited); the stored calls are checked again")
    @Access(Roles.ADMIN)
    public @NonNull ComplianceRule setComplianceRule(@Name("rule") @NonNull ComplianceRuleInput rule) {
        return compliance.setRule(rule);
    }

    @Mutation("deleteComplianceRule")
    @Description("Deletes a calling rule and its violations (ADMIN, audited); leads it held stay held until released")
    @Access(Roles.ADMIN)
    public boolean deleteComplianceRule(@Name("code") @NonNull String code) {
        return compliance.deleteRule(code);
    }

    @Query("complianceHolidays")
    @Description("The legal holidays NO_CALL_DAYS rules with holidays forbid calls on, per jurisdiction; optionally one "
            + "jurisdiction and one year")
    public @NonNull List<@NonNull ComplianceHoliday> complianceHolidays(@Name("jurisdiction") String jurisdiction,
            @Name("year") Integer year) {
        return holidays.holidays(jurisdiction, year);
    }

    @Mutation("setComplianceHoliday")
    @Description("Adds or renames a legal holiday of a jurisdiction (ADMIN, audited); the calls around it are checked again")
    @Access(Roles.ADMIN)
    public @NonNull ComplianceHoliday setComplianceHoliday(@Name("jurisdiction") @NonNull String jurisdiction,
            @Name("day") @NonNull LocalDate day, @Name("name") @NonNull String name, @Name("source") String source) {
        return holidays.setHoliday(jurisdiction, day, name, source);
    }

    @Mutation("deleteComplianceHoliday")
    @Description("Deletes a legal holiday of a jurisdiction (ADMIN, audited); the calls around it are checked again")
    @Access(Roles.ADMIN)
    public boolean deleteComplianceHoliday(@Name("jurisdiction") @NonNull String jurisdiction,
            @Name("day") @NonNull LocalDate day) {
        return holidays.deleteHoliday(jurisdiction, day);
    }

    @Mutation("recomputeCompliance")
    @Description("Checks every stored call against the rules again (ADMIN, audited); returns the number of violations")
    @Access(Roles.ADMIN)
    public int recomputeCompliance() {
        return compliance.recompute();
    }

    @Mutation("addDoNotCall")
    @Description("Puts numbers on the internal do-not-call list (ADMIN, audited). Only keyed hashes are stored: the list "
            + "cannot be read back. Calls to the numbers are checked again.")
    @Access(Roles.ADMIN)
    public @NonNull DoNotCallResult addDoNotCall(@Name("numbers") @NonNull List<@NonNull String> numbers) {
        return compliance.addDoNotCall(numbers);
    }

    @Mutation("removeDoNotCall")
    @Description("Takes numbers off the internal do-not-call list (ADMIN, audited); calls to them are checked again")
    @Access(Roles.ADMIN)
    public @NonNull DoNotCallResult removeDoNotCall(@Name("numbers") @NonNull List<@NonNull String> numbers) {
        return compliance.removeDoNotCall(numbers);
    }

    @Query("onDoNotCallList")
    @Description("Whether one number is on the internal do-not-call list (ADMIN)")
    @Access(Roles.ADMIN)
    public boolean onDoNotCallList(@Name("number") @NonNull String number) {
        return compliance.onDoNotCallList(number);
    }

    @Query("heldLeads")
    @Description("Feed leads held back because their verifying call broke a calling rule, newest first; with released, "
            + "also those an ADMIN released")
    public @NonNull HeldLeadConnection heldLeads(@Name("released") @DefaultValue("false") boolean released,
            @Name("first") Integer first, @Name("after") String after) {
        return holds.heldLeads(released, first, after);
    }

    @Mutation("releaseHeldLead")
    @Description("Releases a held lead with a reason (ADMIN, audited): it is delivered to its advertiser from now on")
    @Access(Roles.ADMIN)
    public @NonNull HeldLead releaseHeldLead(@Name("seq") long seq, @Name("reason") @NonNull String reason) {
        return holds.release(seq, reason);
    }
}
