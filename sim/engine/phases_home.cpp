// Phases at home: demography (2), home budget (3), the household budget shared with
// phase 7, and reintegration of returnees (9).
#include <algorithm>
#include <cmath>
#include <utility>

#include "engine/replicate.hpp"

namespace corridor {

int64_t Replicate::business_income_local(size_t i, bool owner_present) const {
  if (a_.business_age[i] < 0) return 0;
  const double thr = spec_.behaviour.business_threshold_months * home_wage_local(i);
  const double K = from_minor(a_.business_capital[i]);
  return to_minor(rules::business_income(K, home_wage_local(i), thr, spec_.behaviour.r_k,
                                         spec_.behaviour.r_k_elasticity, owner_present));
}

int64_t Replicate::other_income(size_t i, Rng& r) {
  const auto& org = lev_.origins[a_.origin[i]];
  const int others = a_.household[i] - 1;
  const int emp = a_.others_employed[i];
  int next = 0;
  for (int k = 0; k < others; ++k) {
    const bool was = k < emp;
    next += was ? (r.bernoulli(org.separation) ? 0 : 1) : (r.bernoulli(org.job_finding) ? 1 : 0);
  }
  a_.others_employed[i] = static_cast<uint8_t>(next);
  return to_minor(spec_.behaviour.omega * org.bands[a_.band[i]].home_wage * next);
}

// Interest and instalments on agent i's outstanding loans, highest rate first, paid from
// `avail` (local minor units); a loan 12 months in arrears defaults.
void Replicate::pay_loans(size_t i, int64_t& avail, bool away) {
  LoanSet& loans = a_.loans_for_update(i);
  std::array<int, kLenders> order = {kSchemeLoan, kFamily, kMoneylender};
  std::sort(order.begin(), order.end(), [&](int x, int y) {
    return loans[static_cast<size_t>(x)].rate > loans[static_cast<size_t>(y)].rate ||
           (loans[static_cast<size_t>(x)].rate == loans[static_cast<size_t>(y)].rate && x < y);
  });
  const bool due = a_.loans_due_from[i] >= 0 && t_ >= a_.loans_due_from[i];
  for (int l : order) {
    auto& loan = loans[static_cast<size_t>(l)];
    if (loan.balance <= 0) continue;
    if (l == kSchemeLoan && a_.last_scheme[i] >= 0) {
      const double points = lev_.schemes[a_.last_scheme[i]].loan_state_rate;
      if (points > 0)
        add(i, a_.channel[i], Ind::loan_subsidy_cost,
            from_minor(loan.balance) / x_now(a_.origin[i]) *
                (std::pow(1.0 + points, 1.0 / 12.0) - 1.0));
    }
    const int64_t interest = rules::accrue_interest(loan);
    book(i, Money::interest_accrued, interest);
    if (away || a_.st(i) == Status::kPreDeparture)
      add(i, a_.channel[i], Ind::net_gain, -from_minor(interest) / x_now(a_.origin[i]));
    if (a_.record[i] >= 0)
      records_[static_cast<size_t>(a_.record[i])].interest_usd +=
          from_minor(interest) / x_now(a_.origin[i]);
    const auto paid = rules::pay_loan(loan, avail, due);
    avail -= paid.interest_paid + paid.principal_paid;
    book(i, Money::interest_paid, paid.interest_paid);
    book(i, Money::principal_repaid, paid.principal_paid);
    add(i, a_.channel[i], Ind::interest_paid, from_minor(paid.interest_paid));
    if (loan.arrears >= spec_.behaviour.default_arrears_months) {
      // Default: home savings are taken up to the balance, the rest is written off.
      const int64_t seized = std::min(avail, loan.balance);
      avail -= seized;
      book(i, Money::principal_repaid, seized);
      const int64_t written_off = loan.balance - seized;
      book(i, Money::debt_written_off, written_off);
      add(i, a_.channel[i], Ind::defaults);
      if (a_.record[i] >= 0) {
        auto& rec = records_[static_cast<size_t>(a_.record[i])];
        if (rec.repaid < 0 && rec.lost < 0) rec.lost = static_cast<int16_t>(t_);
      }
      add(i, a_.channel[i], Ind::debt_written_off, from_minor(written_off));
      loan = rules::Loan{};
    }
  }
}

void Replicate::household_budget(size_t i, int64_t own, int64_t other, int64_t business,
                                 int64_t received, bool away) {
  const auto& org = lev_.origins[a_.origin[i]];
  // [ext] A reunified household has left: no home consumption, no poverty statistics.
  const int members = a_.reunified[i] ? 0 : a_.household[i] - (away ? 1 : 0);
  book(i, Money::home_income, own);
  book(i, Money::other_household_income, other);
  book(i, Money::business_income, business);
  const int64_t income = own + other + business;
  int64_t cash = income + received + a_.home_savings[i];
  const int64_t consumption =
      std::min(to_minor(org.subsistence * members), std::max<int64_t>(0, cash));
  book(i, Money::consumption_subsistence, consumption);
  cash -= consumption;
  // Loans: interest accrues once a month; instalments due from the first work month, paid
  // highest rate first from what is left after subsistence. Loans with nothing outstanding
  // are closed and give back their slot, so an agent without loans skips this.
  int64_t avail = std::max<int64_t>(0, cash);
  if (a_.has_loans(i)) {
    pay_loans(i, avail, away);
    a_.release_loans_if_closed(i);
  }
  a_.home_savings[i] = avail;
  if (a_.record[i] >= 0) {
    auto& rec = records_[static_cast<size_t>(a_.record[i])];
    if (rec.debt_usd > 0 && rec.repaid < 0 && rec.lost < 0 && a_.total_debt(i) == 0)
      rec.repaid = static_cast<int16_t>(t_);
  }
  // Poverty: income per member below the poverty line.
  const double line = org.poverty_line > 0 ? org.poverty_line : org.subsistence;
  if (a_.reunified[i]) return;
  const bool poor = from_minor(income + received) / std::max(1, members) < line;
  const int kind = away ? 0 : (a_.trips[i] > 0 ? 1 : 2);  // abroad, returnee, never
  origin_add(i, kPoor + kind, poor ? a_.weight(i) : 0.0);
  origin_add(i, kHouseholdMonths + kind, a_.weight(i));
}

void Replicate::phase_demography() {
  const auto& b = spec_.behaviour;
  const int16_t exit_age = static_cast<int16_t>(b.exit_age_years * 12);
  for_blocks([&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) {
      a_.age[i] = static_cast<int16_t>(a_.age[i] + 1);
      if (a_.age[i] < exit_age) continue;
      static constexpr Ind exit_of[kStatuses] = {
          Ind::exits_home,         Ind::exits_applicant,        Ind::exits_pre_departure,
          Ind::exits_abroad_legal, Ind::exits_abroad_irregular, Ind::exits_settled};
      const int ch = a_.channel[i];
      add(i, ch, exit_of[a_.status[i]]);
      add(i, ch, Ind::exits);
      // Savings and business capital pass to the entrant, who takes over the household;
      // USD balances are converted; home-side debt is written off.
      const int o = a_.origin[i];
      if (std::as_const(a_).trip(i).advance > 0) {  // [ext] an advance owed at exit is forgiven
        book(i, Money::advance_written_off, a_.trip(i).advance);
        a_.trip(i).advance = 0;
      }
      const int64_t usd = net_worth_usd(i);
      const int64_t converted = to_minor(from_minor(usd) * x_now(o));
      book(i, Money::conversions_out_usd, usd);
      book(i, Money::conversions_in_local, converted);
      book(i, Money::debt_written_off, a_.total_debt(i));
      const int64_t transfer = a_.home_savings[i] + a_.business_capital[i] + converted;
      book(i, Money::exit_transfers, transfer);
      add(i, ch, Ind::debt_written_off, from_minor(a_.total_debt(i)));
      if (a_.cohort_member[i]) {
        add(i, a_.channel[i], Ind::cohort_size);
        add(i, a_.channel[i], Ind::trips_sum, a_.cohort_trips[i]);
        add(i, a_.channel[i], Ind::trips_sumsq,
            static_cast<double>(a_.cohort_trips[i]) * a_.cohort_trips[i]);
        if (a_.cohort_trips[i] >= 2) add(i, a_.channel[i], Ind::multi_trip_count);
      }
      if (a_.record[i] >= 0) {
        auto& rec = records_[static_cast<size_t>(a_.record[i])];
        if (rec.lost < 0) rec.lost = static_cast<int16_t>(t_);
        if (rec.trip_end < 0) rec.trip_end = static_cast<int16_t>(t_);
      }
      const uint32_t gen = a_.generation[i] + 1;
      const size_t q = a_.stratum[i];
      a_.reset(i);
      a_.generation[i] = gen;
      // The entrant takes the slot's stratum: same origin, weight, sex rule and bands.
      new_agent(i, q, true);
      a_.home_savings[i] = transfer;
      add(i, -1, Ind::entries);
    }
  });
}

void Replicate::phase_home_budget() {
  for_blocks([&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) {
      const Status s = a_.snap(i);
      if (s != Status::kHome && s != Status::kApplicant && s != Status::kPreDeparture) continue;
      if (a_.st(i) != s) continue;  // replaced at exit this month
      const auto& org = lev_.origins[a_.origin[i]];
      Rng r = rng(Stream::kHomeEmployment, i);
      // A business owner works in the business (its income includes the own wage) and
      // leaves the wage process until the business fails.
      const bool owner = a_.business_age[i] >= 0;
      if (!owner) {
        const double f = a_.placement_until[i] >= t_
                             ? std::min(1.0, org.job_finding / spec_.behaviour.placement_divisor)
                             : org.job_finding;
        a_.home_employed[i] =
            a_.home_employed[i] ? (r.bernoulli(org.separation) ? 0 : 1) : (r.bernoulli(f) ? 1 : 0);
      }
      origin_add(i, kUnemployed, owner || a_.home_employed[i] ? 0.0 : a_.weight(i));
      origin_add(i, kLabourForce, a_.weight(i));
      int64_t own = !owner && a_.home_employed[i] ? to_minor(home_wage_local(i)) : 0;
      bool training = false;  // in training months nobody earns a wage, an owner included
      if (s == Status::kPreDeparture) {
        const auto& sch = lev_.schemes[a_.channel[i]];
        training = t_ >= a_.start_month[i] - sch.training_months;
        if (training) own = 0;
      }
      const int64_t other = other_income(i, r);
      household_budget(i, own, other, business_income_local(i, !training), 0, false);
    }
  });
}

void Replicate::phase_reintegrate() {
  const auto& b = spec_.behaviour;
  for_blocks([&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) {
      const int o = a_.origin[i];
      if (a_.return_month[i] == t_ && a_.st(i) == Status::kHome) {
        const int ch = a_.channel[i];
        const bool scheme = w_.is_scheme(ch);
        const auto how = static_cast<TripEnd>(a_.trip_end[i]);
        int64_t payout = 0;
        if (scheme) {
          const auto& sch = lev_.schemes[ch];
          const bool paid = how == TripEnd::kOnTime || how == TripEnd::kEarly;
          const int64_t cs = a_.trip(i).cs_balance, ss = a_.trip(i).ss_balance;
          if (paid) {
            const int64_t ss_port =
                rules::round_half_even(static_cast<double>(ss) * sch.ss_portable);
            const int64_t bonus = how == TripEnd::kOnTime ? to_minor(sch.return_bonus) : 0;
            book(i, Money::ss_nonportable_lost, ss - ss_port);
            book(i, Money::bonuses, bonus);
            add(i, ch, Ind::bonuses, from_minor(bonus));
            book(i, Money::payouts_cs, cs);
            book(i, Money::payouts_ss, ss_port);
            payout = cs + ss_port + bonus;
            a_.trip(i).savings_abroad += bonus;
            a_.trip(i).ss_balance = ss_port;
          } else {
            book(i, Money::forfeited_balances, cs + ss);
            add(i, ch, Ind::forfeited_balances, from_minor(cs + ss));
            a_.trip(i).cs_balance = a_.trip(i).ss_balance = 0;
          }
          if (sch.job_placement)
            a_.placement_until[i] = static_cast<int16_t>(t_ + b.placement_months);
          if (sch.business_training) a_.business_trained[i] = 1;
          if (sch.business_grant > 0) {
            const int64_t grant = to_minor(sch.business_grant);
            book(i, Money::grants, grant);
            add(i, ch, Ind::grants_usd, from_minor(grant) / x_now(o));
            a_.home_savings[i] += grant;
          }
          const double rec = sch.certification ? b.recognition_certified : b.recognition;
          const double gain = std::max(0.0f, a_.h_used[i] - a_.h_trip_start[i]);
          a_.h_home[i] = static_cast<float>(a_.h_home[i] + rec * gain);
          add(i, ch, Ind::skill_recognized, rec * gain);
        }
        add(i, ch, Ind::skill_gain, std::max(0.0f, a_.h_used[i] - a_.h_trip_start[i]));
        add(i, ch, Ind::completed_trips);
        // [ext] Legal aid (or the welfare fund's) recovers part of the withheld pay.
        if (scheme && a_.trip(i).withheld > 0 &&
            (lev_.schemes[ch].legal_aid || lev_.schemes[ch].welfare_cover)) {
          const int64_t recovered = rules::round_half_even(
              b.legal_aid_recovery * static_cast<double>(a_.trip(i).withheld));
          a_.trip(i).savings_abroad += recovered;
          book(i, Money::recovered_wages, recovered);
          add(i, ch, Ind::recovered_wages, from_minor(recovered));
          add(i, ch, Ind::net_gain, from_minor(recovered));
        }
        a_.trip(i).withheld = 0;
        add(i, ch, Ind::payouts, from_minor(payout));
        add(i, ch, Ind::net_gain, from_minor(payout));
        // [ext] An advance the agency could not deduct before the return is forgiven.
        if (a_.trip(i).advance > 0) {
          book(i, Money::advance_written_off, a_.trip(i).advance);
          a_.trip(i).advance = 0;
        }
        // Everything held in USD comes home, converted at x(t).
        const int64_t usd = net_worth_usd(i);
        const int64_t home = to_minor(from_minor(usd) * x_now(o));
        book(i, Money::conversions_out_usd, usd);
        book(i, Money::conversions_in_local, home);
        add(i, ch, Ind::savings_repatriated, from_minor(home));
        a_.home_savings[i] += home;
        // What the trip brought (the remittances the household received, the savings carried
        // home with payouts and bonus, and the grant) is the capital a business may be started
        // with, credited to this trip's channel; a running business keeps the channel of the
        // trip that financed it.
        if (a_.business_age[i] < 0) {
          const int64_t grant = scheme ? to_minor(lev_.schemes[ch].business_grant) : 0;
          a_.return_capital[i] = static_cast<float>(from_minor(a_.trip(i).received + home + grant));
          a_.capital_channel[i] = static_cast<int16_t>(ch);
        }
        // The trip is over: its state reads as TripState{} again (the next trip sets what it
        // reads before reading it) and its slot is given back.
        a_.trip_state.release(i);
        a_.informed[i] = 1;
        a_.prior_trip[i] = 1;
        a_.home_employed[i] = a_.placement_until[i] >= t_ ? 1 : 0;
      }
      // Businesses: every running business ages and may fail wherever its owner is (the
      // household runs it); a returnee at home may start one within the window after its
      // return, with the capital that return brought.
      const bool running = a_.business_age[i] >= 0;
      const bool may_start = !running && a_.return_capital[i] > 0 && a_.st(i) == Status::kHome &&
                             a_.return_month[i] >= 0 &&
                             t_ - a_.return_month[i] < b.business_window_months;
      if (!running && !may_start) continue;  // most agents: nothing to do
      Rng r = rng(Stream::kBusiness, i);
      const double wage = home_wage_local(i);
      const double thr = b.business_threshold_months * wage;
      const int bch = a_.capital_channel[i];
      if (running) {
        a_.business_age[i] = static_cast<int16_t>(a_.business_age[i] + 1);
        // Recorded this month, moved to the start month by phase_record.
        if (a_.business_age[i] == 12) add(i, bch, Ind::business_survivors_12m);
        const double hazard =
            b.business_failure * (a_.business_trained[i] ? b.business_training_failure : 1.0);
        if (r.bernoulli(hazard)) {
          add(i, bch, Ind::business_failures);
          book(i, Money::business_capital_lost, a_.business_capital[i]);
          a_.business_capital[i] = 0;
          a_.business_age[i] = -1;
          a_.home_employed[i] = 0;  // the owner is back in the wage process, without a job
        }
      } else {
        // Capital: what the return brought, as far as the household still holds it net of
        // its home-side debt.
        const double held = from_minor(a_.home_savings[i] - a_.total_debt(i));
        const double capital = std::min<double>(a_.return_capital[i], held);
        const double p = rules::business_start_probability(capital, thr, b.g0, b.g1, b.g2,
                                                           a_.business_trained[i] != 0);
        if (p > 0 && r.bernoulli(p)) {
          const int64_t invest = std::clamp<int64_t>(
              to_minor(capital), 0,
              std::max<int64_t>(0, a_.home_savings[i] - to_minor(b.business_keep_months * wage)));
          a_.home_savings[i] -= invest;
          book(i, Money::business_investment, invest);
          a_.business_capital[i] = invest;
          a_.business_age[i] = 0;
          a_.return_capital[i] = 0.0f;
          add(i, bch, Ind::business_starts);
          if (t_ < spec_.run.months - 12) add(i, bch, Ind::business_starts_cohort);
          add(i, bch, Ind::jobs_created, b.jobs_per_business);
        }
      }
    }
  });
}

}  // namespace corridor
