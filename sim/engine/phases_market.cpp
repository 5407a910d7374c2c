// Phase 5: selection and recruitment (market clearing 1), departures and irregular
// crossings (MODEL.md 4.2, 4.1 irregular route).
#include <algorithm>
#include <cmath>
#include <tuple>

#include "engine/replicate.hpp"

namespace corridor {

double Replicate::fee_median(int s) const {
  const double median = lev_.corridors[w_.scheme_corridor[s]].fee_median_months;
  const double e = spec_.behaviour.rent_elasticity;
  if (e <= 0 || recruit_rounds_[s] == 0) return median;
  // [ext] Scarcity rents: the median rises with applicants per slot over the last 12
  // recruitment rounds (a quota year), never below the base median (departure from the
  // spec's "of t-1", see docs/MODEL.md).
  const double ratio = rent_apps_hist_[s].sum() / std::max(1.0, rent_slots_hist_[s].sum());
  return median * std::pow(std::max(1.0, ratio), e);
}

double Replicate::substitution_risk(int s) const {
  const auto& b = spec_.behaviour;
  const auto& sch = lev_.schemes[s];
  const int k = w_.scheme_sector[s];
  const bool prone =
      lev_.destinations[w_.sector_destination[k]].sectors[w_.sector_local[k]].substitution_prone;
  double p = sch.selection == "government"        ? b.pi_sub_government
             : sch.selection == "agency" && prone ? b.pi_sub_agency_prone
                                                  : b.pi_sub_other;
  if (sch.standard_contract) p *= b.protection_factor;
  if (sch.joint_liability) p *= b.protection_factor;
  return p;
}

double Replicate::slots_for(int s) {
  const auto& sch = lev_.schemes[s];
  const auto& n = sn_[s];
  const int k = w_.scheme_sector[s];
  // V_k(t, t0) = max(0, D_k(t + t0) - L_k(t-1) - P_k(t-1) + X_k(t, t + t0)).
  // X counts only holders who have not agreed a renewal (phase_renewals offers it t0 ahead).
  double X = 0.0;
  for (int m = 0; m < std::min(n.t0, 64); ++m) X += sector_ending_[k][static_cast<size_t>(m)];
  const double V = std::max(0.0, demand(k, t_ + n.t0) - sector_L_[k] - sector_P_[k] + X);
  // Share of scheme s among schemes on the sector: a_s c_s^-sigma.
  const double sigma = spec_.behaviour.sigma;
  double num = 0, den = 0;
  for (int s2 : w_.sector_schemes[k]) {
    const double v = lev_.schemes[s2].base_share * std::pow(sn_[s2].employer_cost, -sigma);
    den += v;
    if (s2 == s) num = v;
  }
  const double share = den > 0 ? num / den : 1.0;
  double quota = sch.quota;
  if (sch.ramp_years > 0)
    quota *= std::min(1.0, static_cast<double>(t_ / 12 + 1) / static_cast<double>(sch.ramp_years));
  return std::max(0.0, std::min(quota - quota_used_[s], V * share));
}

void Replicate::pay_upfront(size_t i, std::span<const std::pair<Money, double>> costs_usd, int s,
                            double instalment_local) {
  const double x = x_now(a_.origin[i]);
  int64_t need = 0;
  for (const auto& [category, usd] : costs_usd) {
    const int64_t local = to_minor(usd * x);
    book(i, category, local);
    need += local;
  }
  const int64_t from_savings = std::min(need, a_.home_savings[i]);
  a_.home_savings[i] -= from_savings;
  need -= from_savings;
  int64_t total = 0;
  std::array<int64_t, kLenders> lent{};
  for (int l = 0; l < kLenders && need > 0; ++l) {
    const int64_t lim = to_minor(borrowing_limit_local(i, l, s)) - a_.loan(i, l).balance;
    const int64_t take = std::clamp<int64_t>(lim, 0, need);
    lent[static_cast<size_t>(l)] = take;
    need -= take;
    total += take;
  }
  for (int l = 0; l < kLenders; ++l) {
    const int64_t take = lent[static_cast<size_t>(l)];
    if (take <= 0) continue;
    auto& loan = a_.loans_for_update(i)[static_cast<size_t>(l)];
    const double r = l == kSchemeLoan ? std::pow(1.0 + lev_.schemes[s].loan_rate, 1.0 / 12.0) - 1.0
                     : l == kFamily   ? 0.0
                                      : spec_.behaviour.moneylender_rate;
    book(i, Money::loans_disbursed, take);
    loan.balance += take;
    loan.principal += take;
    loan.rate = r;
    // Instalment shared in proportion to what each lender lent.
    loan.instalment += std::max<int64_t>(
        1, to_minor(instalment_local * static_cast<double>(take) / static_cast<double>(total)));
  }
  // Costs beyond savings and every limit are not paid: callers check affordability first
  // with the same limits, so `need` is 0 here except for rounding of a cent.
  if (need > 0) {
    // Keep the books exact: the unpaid remainder was booked as a cost above; give it back.
    book(i, costs_usd.front().first, -need);
  }
}

void Replicate::start_trip(size_t i, int ch) {
  a_.channel[i] = static_cast<int16_t>(ch);
  a_.trip_start[i] = static_cast<int16_t>(t_);
  a_.h_trip_start[i] = a_.h_used[i];
  a_.trip(i).wealth_base = a_.home_savings[i];
  a_.trips[i] = static_cast<int16_t>(a_.trips[i] + 1);
  if (a_.first_departure[i] < 0) {
    a_.first_departure[i] = static_cast<int16_t>(t_);
    a_.cohort_member[i] = t_ >= spec_.run.burn_in && t_ < spec_.run.months - 120 ? 1 : 0;
  }
  if (a_.cohort_member[i] && t_ < a_.first_departure[i] + 120)
    a_.cohort_trips[i] = static_cast<int16_t>(a_.cohort_trips[i] + 1);
}

// Market clearing 3 (core v2 M2): renewal is offered t0 months before a contract ends (t0
// of the scheme; at the end for a regularised permit), before this month's round recruits
// for that month, when demand at the next contract's first month covers the worker after
// everyone already contracted then; offers go by a counter-based key within each sector.
// Every holder first decides whether it would renew if offered (in parallel, its own
// stream), then offers are made in key order. The recruitment round counts as vacancies only
// the holders who did not agree a renewal.
void Replicate::phase_renewals() {
  constexpr int64_t kAhead = 64;
  const auto K = static_cast<size_t>(w_.n_sectors);
  std::vector<std::array<double, kAhead + 1>> cover(K);  // difference arrays over months ahead
  for (auto& c : cover) c.fill(0.0);
  std::vector<std::pair<int, size_t>> cand;  // (sector, agent), agent order
  auto sector_of = [&](size_t i) {
    if (a_.sector[i] >= 0) return static_cast<int>(a_.sector[i]);
    const int ch = a_.channel[i];
    return ch >= 0 && w_.is_scheme(ch) ? w_.scheme_sector[ch] : -1;
  };
  auto lead = [&](int ch) { return w_.is_scheme(ch) ? static_cast<int64_t>(sn_[ch].t0) : 0; };
  // First work month of the contract a renewal would start.
  auto next_start = [&](size_t i) {
    const int ch = a_.channel[i];
    const bool seasonal = w_.is_scheme(ch) && sn_[ch].seasonal;
    return a_.contract_end[i] + (seasonal ? 12 - sn_[ch].H + 1 : 1);
  };
  serial_where(
      [&](size_t i) {
        const Status st = a_.st(i);
        return (st == Status::kAbroadLegal || st == Status::kPreDeparture) && sector_of(i) >= 0 &&
               a_.contract_end[i] >= t_;
      },
      [&](size_t i) {
        const int k = sector_of(i);
        const TripState& tr = std::as_const(a_).trip(i);
        const int64_t lo = std::max<int64_t>(a_.start_month[i], t_) - t_;
        const int64_t hi = tr.renewal == 1 ? kAhead - 1 : a_.contract_end[i] - t_;
        if (lo < kAhead && hi >= lo) {
          cover[k][static_cast<size_t>(lo)] += a_.weight(i);
          cover[k][static_cast<size_t>(std::min(hi, kAhead - 1) + 1)] -= a_.weight(i);
        }
        const int ch = a_.channel[i];
        const int64_t allowed = w_.is_scheme(ch) ? lev_.schemes[ch].renewals : 1000;
        if (a_.st(i) == Status::kAbroadLegal && a_.start_month[i] <= t_ && tr.renewal == 0 &&
            a_.contract_end[i] - t_ <= lead(ch)) {
          if (a_.renewals_used[i] < allowed)
            cand.emplace_back(k, i);
          else
            a_.trip(i).renewal = 2;
        }
      });
  if (cand.empty()) return;
  for (auto& c : cover)
    for (size_t m = 1; m < c.size(); ++m) c[m] += c[m - 1];
  // Would each holder renew if offered? (return, stay irregularly or renew, as at the end)
  std::vector<uint8_t> wants(cand.size(), 0);
  tbb::parallel_for(
      tbb::blocked_range<size_t>(0, cand.size(), 256), [&](const tbb::blocked_range<size_t>& r) {
        for (size_t j = r.begin(); j != r.end(); ++j) {
          const size_t i = cand[j].second;
          const std::array<double, 3> u = contract_end_utilities(i, true);
          Rng rr = rng(Stream::kRenewal, i);
          wants[j] = rules::logit_choice(std::span<const double>(u), rr.uniform()) == 2;
        }
      });
  // Offers in key order within each sector.
  std::vector<std::tuple<int, uint64_t, size_t>> order;
  order.reserve(cand.size());
  for (size_t j = 0; j < cand.size(); ++j)
    order.emplace_back(cand[j].first, key(Stream::kRenewal, cand[j].second), j);
  std::sort(order.begin(), order.end());
  for (const auto& [k, kk, j] : order) {
    const size_t i = cand[j].second;
    const int64_t e1 = next_start(i);
    const auto off = static_cast<size_t>(std::clamp<int64_t>(e1 - t_, 0, kAhead - 1));
    auto& c = cover[static_cast<size_t>(k)];
    const double room = demand(k, e1) - c[off];
    const bool agreed = wants[j] && room >= a_.weight(i);
    a_.trip(i).renewal = agreed ? 1 : 2;
    if (agreed)
      for (size_t m = static_cast<size_t>(std::max<int64_t>(0, a_.contract_end[i] + 1 - t_));
           m < static_cast<size_t>(kAhead); ++m)
        c[m] += a_.weight(i);
  }
}

void Replicate::phase_select() {
  const int cal = rules::calendar_month(spec_.run.start_month, t_);
  // Collect applicants per scheme in agent order (deterministic) and roster lapses.
  std::vector<std::vector<size_t>> applicants(static_cast<size_t>(w_.n_schemes));
  for (auto& e : sector_ending_) e.fill(0.0);
  serial_where(
      [&](size_t i) {
        const Status st = a_.st(i);
        return st == Status::kApplicant || (st == Status::kAbroadLegal && a_.sector[i] >= 0);
      },
      [&](size_t i) {
        const Status st = a_.st(i);
        if (st == Status::kApplicant) {
          const int s = a_.channel[i];
          if (t_ - a_.applied_month[i] >= sn_[s].roster || !lev_.schemes[s].open) {
            a_.status[i] = static_cast<uint8_t>(Status::kHome);
            a_.tier1[i] = 0;
            add(i, s, Ind::roster_lapses);
            return;
          }
          applicants[static_cast<size_t>(s)].push_back(i);
        } else {
          const int64_t off = a_.contract_end[i] - t_;
          if (off >= 0 && off < 64 && std::as_const(a_).trip(i).renewal != 1)
            sector_ending_[a_.sector[i]][static_cast<size_t>(off)] += a_.weight(i);
        }
      });
  // This round's applicants and slots; scarcity rents use the previous round's (t-1).
  std::vector<double> round_apps(static_cast<size_t>(w_.n_schemes), -1.0),
      round_slots(static_cast<size_t>(w_.n_schemes), 0.0);
  for (int s = 0; s < w_.n_schemes; ++s) {
    const auto& sch = lev_.schemes[s];
    const auto& n = sn_[s];
    auto& cand = applicants[static_cast<size_t>(s)];
    double people = 0;
    for (size_t i : cand) people += a_.weight(i);
    const bool recruiting =
        sch.open && (!n.seasonal || cal == rules::season_selection_month(n.m0, n.t0));
    double slots = recruiting ? slots_for(s) : 0.0;
    // Selection odds look at the last 3 recruitment rounds (every month for year-round
    // schemes, the selection month for seasonal ones).
    if (recruiting) {
      applicants_hist_[s].push(recruit_rounds_[s], people);
      slots_hist_[s].push(recruit_rounds_[s], slots);
      round_apps[static_cast<size_t>(s)] = people;
      round_slots[static_cast<size_t>(s)] = slots;
    }
    if (!recruiting || cand.empty() || slots <= 0) continue;
    const int k = w_.scheme_sector[s];
    const double req = lev_.destinations[w_.sector_destination[k]].sectors[w_.sector_local[k]].req;
    // Rank: tier, then the scheme's rule, then a counter-based key.
    std::vector<std::tuple<int, double, uint64_t, size_t>> ranked;
    ranked.reserve(cand.size());
    for (size_t i : cand) {
      const int tier = a_.tier1[i] ? 1 : 2;
      double rule = 0.0;
      if (sch.selection == "government")
        rule = std::abs(a_.h_used[i] - req);
      else if (sch.selection == "employer")
        rule = -a_.h_used[i];
      ranked.emplace_back(tier, rule, key(Stream::kSelectionKey, i), i);
    }
    std::sort(ranked.begin(), ranked.end());
    double selected_people = 0;
    for (const auto& [tier, rule, kk, i] : ranked) {
      if (slots <= 0) break;
      if (a_.weight(i) > slots) {
        // The last applicant that does not fit whole is selected with remaining/weight.
        Rng r = rng(Stream::kSelectionKey, i);
        r.next_u64();
        const bool take = r.bernoulli(slots / a_.weight(i));
        slots = 0;
        if (!take) break;
      } else {
        slots -= a_.weight(i);
      }
      // Actual up-front cost.
      const auto& cor = lev_.corridors[w_.scheme_corridor[s]];
      Rng r = rng(Stream::kFee, i);
      const double wage = scheme_wage(s, i);
      double fee = 0.0;
      Money fee_kind = Money::fees_admin;
      a_.trip(i).deferred_fee = 0;
      if (!sch.employer_pays_fee) {
        if (sch.selection == "agency") {
          const double median =
              fee_median(s) * (a_.informed[i] ? 1.0 : spec_.behaviour.uninformed_fee_markup);
          const double F = r.lognormal(median, cor.fee_sigma) * wage;
          Rng rc = rng(Stream::kCompliance, i);
          const double cap = sch.fee_cap_months < 0 ? -1.0 : sch.fee_cap_months * wage;
          const bool complies = rc.bernoulli(sch.compliance);
          fee = rules::worker_fee(F, cap, complies);
          fee_kind = Money::fees_agency;
          // [ext] A non-compliant agency may collect the part above the cap abroad.
          if (sch.fees_deducted_abroad && cap >= 0 && !complies && F > cap) {
            a_.trip(i).deferred_fee = to_minor(F - cap);
            fee = cap;
          }
        } else {
          fee = sch.admin_fee;
        }
      }
      const std::array<std::pair<Money, double>, 5> costs = {{
          {fee_kind, fee},
          {Money::fees_documents, cor.documents},
          {Money::welfare_premiums, sch.welfare_premium},
          {Money::fees_travel, sch.employer_pays_travel ? 0.0 : cor.travel},
          {Money::fees_training, sch.employer_pays_training ? 0.0 : sch.training_cost},
      }};
      double cost = 0.0;
      for (const auto& c : costs) cost += c.second;
      double g = 0, A = 0;
      scheme_gain(s, i, &g, &A);
      const int o = a_.origin[i];
      const double x = x_now(o);
      const double savings = from_minor(a_.home_savings[i]) / x;
      const double B = std::max(0.0, cost - savings);
      double can = from_minor(a_.home_savings[i]);
      for (int l = 0; l < kLenders; ++l)
        can += std::max(0.0, borrowing_limit_local(i, l, s) - from_minor(a_.loan(i, l).balance));
      const bool afford = can >= cost * x && (B <= 0 || A > 0);
      if (!afford) {
        a_.status[i] = static_cast<uint8_t>(Status::kHome);
        a_.tier1[i] = 0;
        add(i, s, Ind::withdrawals);
        if (a_.trip_state.has(i)) {
          a_.trip(i).deferred_fee = 0;
          a_.release_trip_if_clear(i);
        }
        continue;
      }
      pay_upfront(i, costs, s, A * x);
      cost += from_minor(a_.trip(i).deferred_fee);  // the worker pays the whole fee, some later
      double employer = 0.0;
      if (sch.employer_pays_travel) employer += cor.travel;
      if (sch.employer_pays_training) employer += sch.training_cost;
      if (sch.employer_pays_fee)
        employer += sch.selection == "agency" ? cor.fee_median_months * wage : sch.admin_fee;
      add(i, s, Ind::employer_costs, employer);
      add(i, s, Ind::welfare_premiums, sch.welfare_premium);
      a_.trip(i).cost_paid = cost;
      a_.status[i] = static_cast<uint8_t>(Status::kPreDeparture);
      a_.start_month[i] = static_cast<int16_t>(t_ + n.t0);
      a_.contract_end[i] = static_cast<int16_t>(t_ + n.t0 + n.H - 1);
      a_.loans_due_from[i] = a_.start_month[i];
      a_.renewals_used[i] = 0;
      if (sch.orientation) a_.informed[i] = 1;
      selected_people += a_.weight(i);
      add(i, s, Ind::selections);
    }
    quota_used_[s] += selected_people;
  }

  for (int s = 0; s < w_.n_schemes; ++s) {
    if (round_apps[static_cast<size_t>(s)] < 0) continue;
    rent_apps_hist_[s].push(recruit_rounds_[s], round_apps[static_cast<size_t>(s)]);
    rent_slots_hist_[s].push(recruit_rounds_[s], round_slots[static_cast<size_t>(s)]);
    ++recruit_rounds_[s];
  }

  // Departures: pre_departure agents whose first work month is next month.
  serial_where(
      [&](size_t i) { return a_.st(i) == Status::kPreDeparture && a_.start_month[i] - 1 == t_; },
      [&](size_t i) { depart(i); });

  // Irregular crossings: first attempt pays the fee; up to max_attempts, one a month.
  for_blocks([&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) cross(i);
  });
}

// Departure of a selected worker whose first work month is next month.
void Replicate::depart(size_t i) {
  const int s = a_.channel[i];
  const auto& sch = lev_.schemes[s];
  a_.h_used[i] = static_cast<float>(a_.h_used[i] * (1.0 + sch.training_gain));
  // [ext] Recruitment fraud: the fee is paid and no job follows; the debt stays.
  if (sch.selection == "agency") {
    const auto& b = spec_.behaviour;
    Rng rf = rng(Stream::kFraud, i);
    if (rf.bernoulli(a_.informed[i] ? b.pi_fraud_informed : b.pi_fraud_uninformed)) {
      a_.status[i] = static_cast<uint8_t>(Status::kHome);
      a_.tier1[i] = 0;
      add(i, s, Ind::fraud_victims);
      add(i, s, Ind::fraud_losses, a_.trip(i).cost_paid);
      a_.trip_state.release(i);  // no trip: the fee is lost, the debt stays (loans)
      return;
    }
  }
  const bool reentry = a_.last_scheme[i] == s;
  // Qualifying years count legal work on this scheme; they reset after more than 24
  // months away from it, or on a different scheme (MODEL.md 4.5).
  if (!reentry || (a_.return_month[i] >= 0 && t_ - a_.return_month[i] > 24)) {
    a_.qual_years[i] = 0;
    a_.qual_months[i] = 0;
  }
  start_trip(i, s);
  a_.status[i] = static_cast<uint8_t>(Status::kAbroadLegal);
  a_.sector[i] = static_cast<int16_t>(w_.scheme_sector[s]);
  a_.employed_abroad[i] = 1;
  a_.was_uninformed[i] = a_.informed[i] ? 0 : 1;
  a_.tier1[i] = 0;
  a_.trip(i).cost_recorded = 0;
  a_.last_scheme[i] = static_cast<int16_t>(s);
  add(i, s, Ind::deployments);
  // [ext] Contract substitution at deployment; a deferred fee becomes an advance.
  {
    const auto& b = spec_.behaviour;
    Rng rs = rng(Stream::kSubstitution, i);
    a_.trip(i).wage_cut = 0.0f;
    a_.trip(i).withheld = 0;
    if (rs.bernoulli(substitution_risk(s))) {
      a_.trip(i).wage_cut =
          static_cast<float>(b.sub_cut_min + (b.sub_cut_max - b.sub_cut_min) * rs.uniform());
      add(i, s, Ind::substituted);
    }
    if (a_.trip(i).deferred_fee > 0) {
      a_.trip(i).advance += a_.trip(i).deferred_fee;
      a_.trip(i).advance_instalment =
          (a_.trip(i).deferred_fee + b.deduction_months - 1) / b.deduction_months;
      book(i, Money::fees_agency_abroad, a_.trip(i).deferred_fee);
      a_.trip(i).deferred_fee = 0;
    }
  }
  add(i, s, Ind::participants);
  add(i, s, Ind::net_gain, -a_.trip(i).cost_paid);
  origin_add(i, kDepartures + a_.wealth_quintile[i] * 3 + a_.band[i], a_.weight(i));
  if (reentry) add(i, s, Ind::reentries);
  const double debt = from_minor(a_.total_debt(i)) / x_now(a_.origin[i]);
  {
    DeploymentRecord rec;
    rec.channel = static_cast<int16_t>(s);
    rec.sex = a_.sex[i];
    rec.stratum = a_.stratum[i];
    rec.month = static_cast<int16_t>(t_);
    rec.cost_usd = a_.trip(i).cost_paid;
    rec.debt_usd = debt;
    rec.recoup = -a_.trip(i).cost_paid;
    a_.record[i] = static_cast<int32_t>(records_.size());
    records_.push_back(rec);
  }
  add(i, s, Ind::recruitment_cost_usd, a_.trip(i).cost_paid);
  add(i, s, Ind::debt_at_departure, debt);
  if (debt > 3.0 * scheme_wage(s, i)) add(i, s, Ind::debt_over_3_months);
}

// A pending irregular crossing attempt of agent i, if any.
void Replicate::cross(size_t i) {
  if (a_.attempts_left[i] <= 0 || a_.st(i) != Status::kHome) return;
  const int c = a_.route_pending[i];
  const auto& route = lev_.corridors[c].irregular;
  const int ch = w_.route_channel(c);
  if (a_.attempts_left[i] == route.max_attempts) {
    const std::array<std::pair<Money, double>, 1> fee = {
        {{Money::fees_smuggler, route.smuggler_fee}}};
    pay_upfront(i, fee, -1, 0.5 * y_home_usd(i) * x_now(a_.origin[i]));
    a_.loans_due_from[i] = static_cast<int16_t>(t_ + 1);
    add(i, ch, Ind::fees_smuggler, route.smuggler_fee);
    add(i, ch, Ind::net_gain, -route.smuggler_fee);
  }
  add(i, ch, Ind::irregular_attempts);
  Rng r = rng(Stream::kCrossing, i);
  const double pi = a_.prior_trip[i] ? route.pi_cross_repeat : route.pi_cross_first;
  if (r.bernoulli(pi)) {
    if (!a_.prior_trip[i]) add(i, ch, Ind::first_crossings);
    start_trip(i, ch);
    a_.status[i] = static_cast<uint8_t>(Status::kAbroadIrregular);
    a_.sector[i] = -1;
    a_.employed_abroad[i] = 0;
    a_.attempts_left[i] = 0;
    a_.route_pending[i] = -1;
    add(i, ch, Ind::irregular_entries);
    add(i, ch, Ind::participants);
    origin_add(i, kDepartures + a_.wealth_quintile[i] * 3 + a_.band[i], a_.weight(i));
  } else {
    a_.attempts_left[i] = static_cast<int8_t>(a_.attempts_left[i] - 1);
    if (a_.attempts_left[i] == 0) {
      a_.route_pending[i] = -1;
      add(i, ch, Ind::participants);  // a failed crossing: a zero-month spell
    }
  }
}

}  // namespace corridor
