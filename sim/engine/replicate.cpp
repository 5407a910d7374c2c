// Replicate: construction, shared helpers, the monthly step, wealth quintiles and recording
// (the initial state is in replicate_init.cpp, the phases in phases_*.cpp).
#include "engine/replicate.hpp"

#include "engine/order_stats.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "model/params.hpp"
#include "model/paths.hpp"

namespace corridor {

Replicate::Replicate(const Spec& spec, const World& world, int64_t replicate,
                     bool check_conservation)
    : spec_(spec),
      w_(world),
      lev_(spec),
      rep_(replicate),
      seed_(static_cast<uint64_t>(spec.run.seed)),
      n_ch_(world.channels()),
      check_(check_conservation) {
  beta_ = rules::beta_of(spec.behaviour.rho);
  const size_t S = spec.schemes.size();
  sn_.resize(S);
  slots_hist_.resize(S);
  applicants_hist_.resize(S);
  emp_hist_.resize(S);
  legal_hist_.resize(S);
  offers_hist_.resize(S);
  eligible_hist_.resize(S);
  ontime_hist_.resize(S);
  reentry_hist_.resize(S);
  quota_used_.assign(S, 0.0);
  recruit_rounds_.assign(S, 0);
  rent_apps_hist_.resize(S);
  rent_slots_hist_.resize(S);
  legal_employed_by_scheme_.assign(S, 0.0);
  const size_t K = static_cast<size_t>(w_.n_sectors);
  sector_L_.assign(K, 0.0);
  sector_P_.assign(K, 0.0);
  sector_U_.assign(K, 0.0);
  sector_D_.assign(K, 0.0);
  sector_c0_.assign(K, 0.0);
  sector_renew_hist_.resize(K);
  sector_end_hist_.resize(K);
  sector_emp_hist_.resize(K);
  sector_legal_hist_.resize(K);
  sector_ending_.assign(K, {});
  const size_t D = spec.destinations.size();
  p_irr_by_cal_.assign(D, {});
  for (auto& p : p_irr_by_cal_) p.fill(-1.0);  // -1: not observed yet
  dest_irr_N_.assign(D, 0.0);
  dest_U_.assign(D, 0.0);
  amnesty_.assign(D, 0);
  prevalence_.assign(spec.corridors.size(), 0.0);
  origin_pop_.assign(spec.origins.size(), 0.0);
  x_now_.assign(spec.origins.size(), 1.0);
  x_prev_.assign(spec.origins.size(), 1.0);
  const auto months = static_cast<size_t>(spec.run.months);
  series_.assign(months * static_cast<size_t>(n_ch_ + 1) * 2 * kIndicators, 0.0);
  sector_series_.assign(months * K * 3, 0.0);
  origin_series_.assign(months * spec.origins.size() * kOriginCols, 0.0);
  money_series_.assign(months * spec.origins.size() * kMoneyCategories, 0);
  net_worth_series_.assign(months * spec.origins.size() * 2, 0);
  net_worth_initial_.assign(spec.origins.size() * 2, 0);
}

double Replicate::x_now(int o) const {
  return x_now_[static_cast<size_t>(o)];
}
double Replicate::x_prev(int o) const {
  return x_prev_[static_cast<size_t>(o)];
}

double Replicate::home_wage_local(size_t i) const {
  const auto& org = lev_.origins[a_.origin[i]];
  const auto& band = org.bands[a_.band[i]];
  return band.home_wage * a_.h_home[i] / spec_.origins[a_.origin[i]].bands[a_.band[i]].h0;
}
double Replicate::home_wage_usd(size_t i) const {
  return home_wage_local(i) / x_prev(a_.origin[i]);
}
double Replicate::y_home_usd(size_t i) const {
  const auto& org = lev_.origins[a_.origin[i]];
  const double emp = a_.business_age[i] >= 0 ? 1.0  // an owner works in its business
                     : org.job_finding + org.separation > 0
                         ? org.job_finding / (org.job_finding + org.separation)
                         : 1.0;
  return home_wage_local(i) * emp / x_prev(a_.origin[i]);
}

double Replicate::scheme_wage(int s, size_t i) const {
  const auto& sch = lev_.schemes[s];
  if (sch.contract_wage > 0) return sch.contract_wage;
  const int k = w_.scheme_sector[s];
  const auto& sec = lev_.destinations[w_.sector_destination[k]].sectors[w_.sector_local[k]];
  const double h_ref = spec_.origins[a_.origin[i]].bands[a_.band[i]].h0;
  const double market =
      sec.wage[a_.band[i]] * sec.wage_index * std::min<double>(a_.h_used[i], sec.req) / h_ref;
  return std::max(sch.wage_floor, market);
}

double Replicate::irregular_wage(int d, size_t i) const {
  // Band market wage of the sector with the largest unfilled demand last month.
  const auto& sectors = w_.destination_sectors[d];
  int best = sectors.front();
  for (int k : sectors)
    if (sector_U_[k] > sector_U_[best]) best = k;
  const auto& dest = lev_.destinations[d];
  const auto& sec = dest.sectors[w_.sector_local[best]];
  const double h_ref = spec_.origins[a_.origin[i]].bands[a_.band[i]].h0;
  return (1.0 - dest.irregular_discount) * sec.wage[a_.band[i]] * sec.wage_index *
         std::min<double>(a_.h_used[i], sec.req) / h_ref;
}

// Irregular work a sector offers: its unfilled demand max(0, D_k - L_k), none where
// employers are sanctioned (core v2 M1).
double Replicate::irregular_room(int k) const {
  const auto& sec = lev_.destinations[w_.sector_destination[k]].sectors[w_.sector_local[k]];
  return sec.employer_sanctions ? 0.0 : std::max(0.0, sector_D_[k] - sector_L_[k]);
}

double Replicate::demand(int k, int64_t month) const {
  const auto& sec = lev_.destinations[w_.sector_destination[k]].sectors[w_.sector_local[k]];
  const int cal = rules::calendar_month(spec_.run.start_month, month);
  // Cost of a worker on the sector: schemes weighted by their employed workers last month.
  double num = 0, den = 0, mean = 0;
  for (int s : w_.sector_schemes[k]) {
    num += legal_employed_by_scheme_[s] * sn_[s].employer_cost;
    den += legal_employed_by_scheme_[s];
    mean += sn_[s].employer_cost;
  }
  double c = den > 0 ? num / den
                     : (w_.sector_schemes[k].empty()
                            ? 1.0
                            : mean / static_cast<double>(w_.sector_schemes[k].size()));
  const double c0 = sector_c0_[k] > 0 ? sector_c0_[k] : c;
  const double ratio = c0 > 0 && c > 0 ? c / c0 : 1.0;
  return sec.demand * sec.season[static_cast<size_t>(cal)] * sec.cycle *
         std::pow(ratio, sec.elasticity);
}

void Replicate::derive_schemes() {
  for (size_t s = 0; s < lev_.schemes.size(); ++s) {
    const auto& sch = lev_.schemes[s];
    auto& n = sn_[s];
    n.seasonal = sch.season_length > 0;
    n.m0 = static_cast<int>(sch.season_start);
    n.L = static_cast<int>(sch.season_length);
    n.t0 = static_cast<int>(sch.processing_months + sch.training_months);
    n.H = n.seasonal ? n.L : static_cast<int>(sch.contract_months);
    n.gap =
        sch.rehire_gap_months >= 0 ? static_cast<int>(sch.rehire_gap_months) : (n.seasonal ? 0 : 3);
    n.roster = sch.roster_months > 0 ? static_cast<int>(sch.roster_months)
                                     : (sch.selection == "government" ? 12 : 6);
    // Employer cost c_s per worker-month (wage at the scheme's typical band).
    const int k = w_.scheme_sector[s];
    const auto& dest = lev_.destinations[w_.sector_destination[k]];
    const auto& sec = dest.sectors[w_.sector_local[k]];
    const auto& cor = lev_.corridors[w_.scheme_corridor[s]];
    const double wage = sch.contract_wage > 0
                            ? sch.contract_wage
                            : std::max(sch.wage_floor, sec.wage[0] * sec.wage_index);
    double upfront = 0.0;
    if (sch.employer_pays_travel) upfront += cor.travel;
    if (sch.employer_pays_fee)
      upfront += sch.selection == "agency" ? cor.fee_median_months * wage : sch.admin_fee;
    if (sch.employer_pays_training) upfront += sch.training_cost;
    n.employer_cost =
        wage + (sch.employer_pays_housing ? dest.housing : 0.0) + upfront / std::max(1, n.H);
  }
}

// ---- The month --------------------------------------------------------------------------

void Replicate::step(int64_t month, double* pass_seconds) {
  using Clock = std::chrono::steady_clock;
  Clock::time_point t0 = pass_seconds ? Clock::now() : Clock::time_point{};
  auto lap = [&](int pass) {
    if (!pass_seconds) return;
    const Clock::time_point t1 = Clock::now();
    pass_seconds[pass] += std::chrono::duration<double>(t1 - t0).count();
    t0 = t1;
  };
  t_ = month;
  std::fill(acc_.begin(), acc_.end(), 0.0);
  std::fill(origin_acc_.begin(), origin_acc_.end(), 0.0);
  std::fill(money_acc_.begin(), money_acc_.end(), 0);
  std::fill(nw_acc_.begin(), nw_acc_.end(), 0);
  for_blocks([&](size_t lo, size_t hi) {
    std::copy(a_.status.begin() + static_cast<std::ptrdiff_t>(lo),
              a_.status.begin() + static_cast<std::ptrdiff_t>(hi),
              a_.snap_status.begin() + static_cast<std::ptrdiff_t>(lo));
  });
  if (check_) {
    for (size_t j = 0; j < a_.size(); ++j) {
      ledger_usd_[j] = ledger_local_[j] = 0;
      nw_usd_prev_[j] = net_worth_usd(j);
      nw_local_prev_[j] = net_worth_local(j);
    }
  }
  lap(0);
  assign_wealth_quintiles();
  lap(1);
  phase_timeline();
  lap(2);
  phase_demography();
  lap(3);
  phase_home_budget();
  lap(4);
  phase_decide();
  lap(5);
  phase_renewals();
  phase_select();
  lap(6);
  phase_work();
  lap(7);
  phase_remit();
  lap(8);
  phase_contract_ends();
  lap(9);
  phase_reintegrate();
  lap(10);
  phase_record();
  lap(11);
  if (check_) check_conservation();
}

// Quintiles of home savings among agents at home, within each origin, at the start of the
// month; agents at home (not retrying a crossing) get the quintile of their savings and
// count in the home person-months of their quintile and band. Departures are counted in
// the quintile the agent had when it decided to move.
void Replicate::assign_wealth_quintiles() {
  const size_t O = spec_.origins.size();
  // The four cuts of each origin are order statistics of the home savings of its agents at
  // home (the k-th smallest for k = n (q + 1) / 5, at most n - 1), found by radix selection
  // over parallel passes without copying the savings (sim/engine/order_stats.hpp).
  const auto cut = order_statistics<4>(
      O,
      [&](auto&& chunk) {
        for_blocks([&](size_t lo, size_t hi) {
          chunk([&](auto&& sink) {
            for (size_t i = lo; i < hi; ++i)
              if (a_.st(i) == Status::kHome) sink(a_.origin[i], a_.home_savings[i]);
          });
        });
      },
      [](uint64_t n, size_t q) { return std::min<uint64_t>(n - 1, n * (q + 1) / 5); });
  for_blocks([&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) {
      const Status s = a_.st(i);
      if (s != Status::kHome) continue;
      // An agent keeps the quintile of the month it decided to move until it departs:
      // applicants and agents about to depart have paid up-front costs (and an agent
      // retrying a crossing has paid the smuggler), which would otherwise put them in the
      // bottom quintile at departure (docs/MODEL.md, departures).
      uint8_t q = 0;
      while (q < 4 && a_.home_savings[i] >= cut[a_.origin[i]][q]) ++q;
      if (a_.route_pending[i] < 0) a_.wealth_quintile[i] = q;
      origin_add(i, kHomeMonths + q * 3 + a_.band[i], a_.weight(i));
    }
  });
}

void Replicate::check_conservation() {
  for (size_t i = 0; i < a_.size(); ++i) {
    const int64_t du = net_worth_usd(i) - nw_usd_prev_[i];
    const int64_t dl = net_worth_local(i) - nw_local_prev_[i];
    if (du != ledger_usd_[i] || dl != ledger_local_[i])
      throw std::runtime_error("money conservation violated: replicate " + std::to_string(rep_) +
                               ", month " + std::to_string(t_) + ", agent " + std::to_string(i) +
                               ": net worth changed by " + std::to_string(du) + " USD cents and " +
                               std::to_string(dl) + " local minor units; booked " +
                               std::to_string(ledger_usd_[i]) + " and " +
                               std::to_string(ledger_local_[i]));
  }
}

void Replicate::phase_timeline() {
  for (size_t o = 0; o < lev_.origins.size(); ++o) x_prev_[o] = x_now_[o];
  std::fill(amnesty_.begin(), amnesty_.end(), 0);
  for (const auto& ev : spec_.timeline) {
    if (ev.month != t_) continue;
    if (ev.action == TimelineEvent::Action::kAmnesty) {
      for (size_t d = 0; d < spec_.destinations.size(); ++d)
        if (spec_.destinations[d].name == ev.path) amnesty_[d] = 1;
      continue;
    }
    std::string error;
    if (!apply_timeline_event(lev_, ev, &error))
      throw std::runtime_error("timeline event at month " + std::to_string(ev.month) + ": " +
                               error);
  }
  for (size_t o = 0; o < lev_.origins.size(); ++o)
    x_now_[o] = lev_.origins[o].fx_base * lev_.origins[o].e_index / lev_.origins[o].p_index;
  if (t_ == 0) std::copy(x_now_.begin(), x_now_.end(), x_prev_.begin());
  derive_schemes();
  // Quota years run in blocks of 12 months from month 0; a season's quota is its own.
  for (size_t s = 0; s < lev_.schemes.size(); ++s) {
    const int cal = rules::calendar_month(spec_.run.start_month, t_);
    const bool reset =
        sn_[s].seasonal ? cal == rules::season_selection_month(sn_[s].m0, sn_[s].t0) : t_ % 12 == 0;
    if (reset) quota_used_[s] = 0.0;
  }
  for (int k = 0; k < w_.n_sectors; ++k) sector_D_[k] = demand(k, t_);
}

void Replicate::phase_record() {
  const size_t C = static_cast<size_t>(n_ch_) + 1;
  const size_t stride = C * 2 * kIndicators;
  const size_t out_stride = stride;  // every channel plus "none"
  double* out = series_.data() + static_cast<size_t>(t_) * out_stride;
  // Stocks at the end of the month, by (last) channel; agents never abroad count in the
  // last column, "none".
  for_blocks([&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) {
      const int ch = a_.channel[i];
      static constexpr Ind stock_of[kStatuses] = {
          Ind::stock_home,         Ind::stock_applicant,        Ind::stock_pre_departure,
          Ind::stock_abroad_legal, Ind::stock_abroad_irregular, Ind::stock_settled};
      add(i, ch, stock_of[a_.status[i]]);
      if (a_.st(i) == Status::kHome && a_.trips[i] > 0) add(i, ch, Ind::stock_returned);
      // Net worth by origin (integers: block sums add up to the same total in any order).
      int64_t* nwb = nw_acc_.data() + ((i / kBlock) * spec_.origins.size() + a_.origin[i]) * 2;
      nwb[0] += net_worth_usd(i);
      nwb[1] += net_worth_local(i);
    }
  });
  // Reduce blocks in block order (fixed, whatever the thread count).
  for (size_t b = 0; b < std::max<size_t>(1, n_blocks_); ++b) {
    const double* src = acc_.data() + b * stride;
    for (size_t q = 0; q < out_stride; ++q) out[q] += src[q];
  }
  // Legal spells ended this month, the denominator of the non-return share.
  for (size_t c = 0; c < C * 2; ++c) {
    double* row = out + c * kIndicators;
    auto v = [&](Ind ind) { return row[static_cast<size_t>(ind)]; };
    row[static_cast<size_t>(Ind::legal_spell_ends)] =
        v(Ind::returns_on_time) + v(Ind::early_returns) + v(Ind::overstays) +
        v(Ind::searcher_overstays) + v(Ind::absconds) + v(Ind::settled_at_end) +
        v(Ind::settled_during) + v(Ind::exits_abroad_legal);
  }
  // Businesses still running at age 12 are recorded in their start month (so that the
  // survival share compares them with the starts of the same months, whatever the burn-in).
  if (t_ >= 12) {
    double* start = series_.data() + static_cast<size_t>(t_ - 12) * out_stride;
    for (size_t c = 0; c < C * 2; ++c) {
      const size_t q = c * kIndicators + static_cast<size_t>(Ind::business_survivors_12m);
      start[q] += out[q];
      out[q] = 0.0;
    }
  }
  const size_t O = spec_.origins.size();
  for (size_t b = 0; b < std::max<size_t>(1, n_blocks_); ++b)
    for (size_t q = 0; q < O * kOriginCols; ++q)
      origin_series_[static_cast<size_t>(t_) * O * kOriginCols + q] +=
          origin_acc_[b * O * kOriginCols + q];
  {
    const size_t per = O * kMoneyCategories;
    int64_t* dst = money_series_.data() + static_cast<size_t>(t_) * per;
    for (size_t b = 0; b < std::max<size_t>(1, n_blocks_); ++b)
      for (size_t q = 0; q < per; ++q) dst[q] += money_acc_[b * per + q];
    int64_t* nw = net_worth_series_.data() + static_cast<size_t>(t_) * O * 2;
    for (size_t b = 0; b < std::max<size_t>(1, n_blocks_); ++b)
      for (size_t q = 0; q < O * 2; ++q) nw[q] += nw_acc_[b * O * 2 + q];
  }
  // Per-scheme histories for next month's decisions.
  for (int s = 0; s < w_.n_schemes; ++s) {
    double emp = 0, legal = 0, ontime = 0, reentries = 0;
    for (int sex = 0; sex < 2; ++sex) {
      const double* row = out + (static_cast<size_t>(s) * 2 + sex) * kIndicators;
      emp += row[static_cast<int>(Ind::legal_employed)];
      legal += row[static_cast<int>(Ind::stock_abroad_legal)];
      ontime += row[static_cast<int>(Ind::returns_on_time)];
      reentries += row[static_cast<int>(Ind::reentries)];
    }
    emp_hist_[s].push(t_, emp);
    legal_hist_[s].push(t_, legal);
    ontime_hist_[s].push(t_, ontime);
    reentry_hist_[s].push(t_, reentries);
    legal_employed_by_scheme_[s] = emp;
  }
  update_aggregates(out);
}

// Last month's aggregates for next month's decisions and market clearing, reduced in a
// fixed order (agent index, then scheme order).
void Replicate::update_aggregates(const double* out) {
  const size_t K = static_cast<size_t>(w_.n_sectors);
  std::fill(sector_L_.begin(), sector_L_.end(), 0.0);
  std::fill(sector_P_.begin(), sector_P_.end(), 0.0);
  std::fill(dest_irr_N_.begin(), dest_irr_N_.end(), 0.0);
  std::vector<double> irr_emp(spec_.destinations.size(), 0.0);
  std::vector<double> abroad(spec_.corridors.size(), 0.0);
  // return_rate_12m: denominators at t_s; numerators written back to the months t_s of
  // the spell when the agent comes home within 12 months.
  const size_t C1 = static_cast<size_t>(n_ch_) + 1;
  auto cell = [&](int64_t month, int ch, size_t i, Ind ind) -> double& {
    return series_[((static_cast<size_t>(month) * C1 + static_cast<size_t>(ch)) * 2 + a_.sex[i]) *
                       kIndicators +
                   static_cast<size_t>(ind)];
  };
  // Agents at home or applying with no legal spell open contribute nothing.
  auto contributes = [&](size_t i) {
    const Status s = a_.st(i);
    return (s != Status::kHome && s != Status::kApplicant) || a_.legal_since[i] >= 0;
  };
  serial_where(contributes, [&](size_t i) {
    const Status s = a_.st(i);
    if (s == Status::kAbroadLegal) {
      if (a_.legal_since[i] < 0) a_.legal_since[i] = static_cast<int16_t>(t_);
      a_.legal_last[i] = static_cast<int16_t>(t_);
      cell(t_, a_.channel[i], i, Ind::return_12m_den) += a_.weight(i);
    } else if (s == Status::kHome && a_.legal_since[i] >= 0) {
      if (a_.return_month[i] == t_) {
        const int64_t from = std::max<int64_t>(a_.legal_since[i], t_ - 12);
        const int64_t to = std::min<int64_t>(a_.legal_last[i], t_ - 1);
        for (int64_t ts = from; ts <= to; ++ts)
          cell(ts, a_.channel[i], i, Ind::return_12m_num) += a_.weight(i);
      }
      a_.legal_since[i] = a_.legal_last[i] = -1;
    }
    if (s == Status::kAbroadLegal && a_.sector[i] >= 0) {
      if (a_.employed_abroad[i] && a_.start_month[i] <= t_)
        sector_L_[a_.sector[i]] += a_.weight(i);
      else if (a_.start_month[i] > t_)
        sector_P_[a_.sector[i]] += a_.weight(i);
    } else if (s == Status::kPreDeparture) {
      sector_P_[w_.scheme_sector[a_.channel[i]]] += a_.weight(i);
    } else if (s == Status::kAbroadIrregular) {
      const int d = w_.channel_destination(a_.channel[i]);
      dest_irr_N_[d] += a_.weight(i);
      if (a_.employed_abroad[i]) irr_emp[d] += a_.weight(i);
    }
    if (s == Status::kAbroadLegal || s == Status::kAbroadIrregular || s == Status::kSettled) {
      const int c = w_.channel_corridor(a_.channel[i]);
      if (c >= 0) abroad[c] += a_.weight(i);
    }
  });
  const size_t month_row = static_cast<size_t>(t_) * K * 3;
  for (size_t k = 0; k < K; ++k) {
    sector_U_[k] = irregular_room(static_cast<int>(k));
    sector_series_[month_row + k * 3 + 0] = sector_D_[k];
    sector_series_[month_row + k * 3 + 1] = sector_L_[k];
    double ren = 0, ends = 0;
    for (int s : w_.sector_schemes[k])
      for (int sex = 0; sex < 2; ++sex) {
        const double* row = out + (static_cast<size_t>(s) * 2 + sex) * kIndicators;
        ren += row[static_cast<int>(Ind::renewals)];
        ends += row[static_cast<int>(Ind::contract_ends)];
      }
    sector_renew_hist_[k].push(t_, ren);
    sector_end_hist_[k].push(t_, ends);
  }
  const int cal = rules::calendar_month(spec_.run.start_month, t_);
  for (size_t d = 0; d < spec_.destinations.size(); ++d) {
    double U = 0;
    for (int k : w_.destination_sectors[d]) U += sector_U_[k];
    // Irregular workers counted in sector k in proportion to U_k / U_d.
    for (int k : w_.destination_sectors[d])
      sector_series_[month_row + static_cast<size_t>(k) * 3 + 2] =
          U > 0 ? irr_emp[d] * sector_U_[k] / U : 0.0;
    dest_U_[d] = U;
    p_irr_by_cal_[d][static_cast<size_t>(cal)] =
        lev_.destinations[d].p_irr_max * std::min(1.0, U / std::max(1.0, dest_irr_N_[d]));
  }
  for (size_t c = 0; c < spec_.corridors.size(); ++c) {
    const int o = w_.corridor_origin[c];
    prevalence_[c] = origin_pop_[o] > 0 ? abroad[c] / origin_pop_[o] : 0.0;
  }
}

}  // namespace corridor
