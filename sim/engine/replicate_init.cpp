// Replicate: the initial state (MODEL.md 5): agents by stratum, aggregates and the initial
// stocks abroad.
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/replicate.hpp"

namespace corridor {

// ---- Initial state ---------------------------------------------------------------------

void Replicate::new_agent(size_t i, size_t q, bool entering) {
  const auto& [o, st] = strata_[q];
  const auto& org = spec_.origins[static_cast<size_t>(o)];
  const auto& b = spec_.behaviour;
  Rng r = rng(entering ? Stream::kDemography : Stream::kInit, i);
  a_.origin[i] = static_cast<uint16_t>(o);
  a_.stratum[i] = static_cast<uint16_t>(q);
  const double u_sex = r.uniform();
  if (st.sex == "female")
    a_.sex[i] = 0;
  else if (st.sex == "male")
    a_.sex[i] = 1;
  else
    a_.sex[i] = u_sex < org.share_female ? 0 : 1;
  // Band: among the stratum's bands, by population share.
  double total = 0;
  std::array<double, kBands> share{};
  for (int k = 0; k < kBands; ++k) {
    bool ok = st.bands.empty();
    for (const auto& name : st.bands) ok = ok || name == kBandNames[k];
    share[k] = ok ? org.bands[k].share : 0.0;
    total += share[k];
  }
  double u = r.uniform() * total;
  a_.band[i] = 0;
  for (int k = 0; k < kBands; ++k) {
    if (u < share[k]) {
      a_.band[i] = static_cast<uint8_t>(k);
      break;
    }
    u -= share[k];
    a_.band[i] = static_cast<uint8_t>(k);
  }
  const auto& band = org.bands[a_.band[i]];
  const int64_t age_max =
      st.age_max_years > 0 ? std::min(st.age_max_years, org.age_max_years) : org.age_max_years;
  const double age_years =
      entering ? static_cast<double>(b.entry_age_years)
               : static_cast<double>(org.age_min_years) +
                     r.uniform() * static_cast<double>(age_max + 1 - org.age_min_years);
  a_.age[i] = static_cast<int16_t>(
      std::min(age_years * 12.0, static_cast<double>(b.exit_age_years * 12 - 1)));
  const double h = std::max(0.05, band.h0 * (1.0 + band.h_sd * r.normal()));
  a_.h_home[i] = static_cast<float>(h);
  a_.h_used[i] = static_cast<float>(h);
  a_.h_trip_start[i] = static_cast<float>(h);
  a_.informed[i] = r.bernoulli(org.share_informed) ? 1 : 0;
  a_.bank[i] = r.bernoulli(org.share_bank_account) ? 1 : 0;
  a_.household[i] = static_cast<uint8_t>(std::max(1.0, std::round(org.household_size)));
  a_.home_employed[i] =
      r.bernoulli(org.job_finding / std::max(1e-12, org.job_finding + org.separation)) ? 1 : 0;
  const int others = a_.household[i] - 1;
  int emp = 0;
  for (int k = 0; k < others; ++k)
    emp += r.bernoulli(org.job_finding / std::max(1e-12, org.job_finding + org.separation)) ? 1 : 0;
  a_.others_employed[i] = static_cast<uint8_t>(emp);
  {
    const double draw = r.uniform();
    a_.mtype[i] =
        static_cast<uint8_t>(draw < b.target_share                     ? MigrantType::kTargetEarner
                             : draw < b.target_share + b.settler_share ? MigrantType::kSettler
                                                                       : MigrantType::kAccumulator);
  }
  const double wage = band.home_wage * h / band.h0;
  const double hh_income = wage * (1.0 + b.omega * others);
  a_.target[i] = r.lognormal(b.target_median_months * wage, b.target_sd);
  if (!entering) {
    a_.home_savings[i] =
        to_minor(r.lognormal(org.savings_median_months * hh_income, org.savings_sd));
  }
  a_.remit_phase[i] = static_cast<uint8_t>(r.next_u64() % 3);
  a_.status[i] = static_cast<uint8_t>(Status::kHome);
  a_.snap_status[i] = a_.status[i];
}

void Replicate::initialise() {
  // Agents: origins in order, strata in order.
  size_t n = 0;
  auto& strata = strata_;
  strata.clear();
  for (size_t o = 0; o < spec_.origins.size(); ++o) {
    const auto& org = spec_.origins[o];
    if (org.strata.empty()) {
      Stratum st;
      st.agents = org.agents;
      st.weight = org.weight;
      strata.emplace_back(static_cast<int>(o), st);
    } else {
      for (const auto& st : org.strata) strata.emplace_back(static_cast<int>(o), st);
    }
  }
  for (const auto& [o, st] : strata) n += static_cast<size_t>(st.agents);
  if (n > 32000000000ULL) throw std::runtime_error("too many agents");
  if (n > UINT32_MAX) throw std::runtime_error("too many agents (at most 2^32 - 1)");
  if (strata.size() > UINT16_MAX) throw std::runtime_error("too many strata (at most 65535)");
  a_.resize(n);
  a_.stratum_weight.clear();
  for (const auto& [o, st] : strata) a_.stratum_weight.push_back(st.weight);
  n_blocks_ = (n + kBlock - 1) / kBlock;
  acc_.assign(std::max<size_t>(1, n_blocks_) * static_cast<size_t>(n_ch_ + 1) * 2 * kIndicators,
              0.0);
  origin_acc_.assign(std::max<size_t>(1, n_blocks_) * spec_.origins.size() * kOriginCols, 0.0);
  money_acc_.assign(std::max<size_t>(1, n_blocks_) * spec_.origins.size() * kMoneyCategories, 0);
  nw_acc_.assign(std::max<size_t>(1, n_blocks_) * spec_.origins.size() * 2, 0);
  if (check_) {
    ledger_usd_.assign(n, 0);
    ledger_local_.assign(n, 0);
    nw_usd_prev_.assign(n, 0);
    nw_local_prev_.assign(n, 0);
  }
  std::vector<size_t> origin_begin(spec_.origins.size() + 1, 0);
  // Agents are independent (each draws from its own streams): created in parallel, block by
  // block, each block walking the strata it overlaps.
  auto& stratum_end = stratum_end_;
  stratum_end.assign(strata.size(), 0);
  {
    size_t end = 0;
    for (size_t q = 0; q < strata.size(); ++q)
      stratum_end[q] = end += static_cast<size_t>(strata[q].second.agents);
  }
  for_blocks([&](size_t lo, size_t hi) {
    size_t q = static_cast<size_t>(std::upper_bound(stratum_end.begin(), stratum_end.end(), lo) -
                                   stratum_end.begin());
    for (size_t j = lo; j < hi; ++j) {
      while (j >= stratum_end[q]) ++q;
      new_agent(j, q, false);
    }
  });
  {
    size_t pos = 0;
    for (size_t o = 0; o < spec_.origins.size(); ++o) {
      origin_begin[o] = pos;
      for (const auto& [oo, st] : strata)
        if (static_cast<size_t>(oo) == o) pos += static_cast<size_t>(st.agents);
    }
    origin_begin[spec_.origins.size()] = pos;
  }
  for (size_t o = 0; o < spec_.origins.size(); ++o) {
    x_now_[o] = x_prev_[o] =
        spec_.origins[o].fx_base * spec_.origins[o].e_index / spec_.origins[o].p_index;
    for (size_t j = origin_begin[o]; j < origin_begin[o + 1]; ++j) origin_pop_[o] += a_.weight(j);
  }
  set_money_units(origin_begin);
  derive_schemes();
  for (int k = 0; k < w_.n_sectors; ++k) {
    double mean = 0;
    for (int s : w_.sector_schemes[k]) mean += sn_[s].employer_cost;
    sector_c0_[k] = w_.sector_schemes[k].empty()
                        ? 1.0
                        : mean / static_cast<double>(w_.sector_schemes[k].size());
  }

  // Initial stocks abroad: eligible agents of the origin ranked by a key, filled in people.
  t_ = 0;
  auto place = [&](int ch, double people) {
    if (people <= 0) return;
    const int c = w_.channel_corridor(ch);
    const int o = w_.corridor_origin[c];
    // Candidates and their keys gathered in parallel by block; (key, index) pairs are all
    // distinct, so the sorted order does not depend on how they were gathered or sorted.
    const size_t b0 = origin_begin[o] / kBlock;
    const size_t b1 = (origin_begin[o + 1] + kBlock - 1) / kBlock;
    std::vector<std::vector<std::pair<uint64_t, size_t>>> by_block(b1 - b0);
    tbb::parallel_for(size_t{b0}, b1, [&](size_t b) {
      auto& out = by_block[b - b0];
      const size_t lo = std::max(origin_begin[o], b * kBlock);
      const size_t hi = std::min(origin_begin[o + 1], (b + 1) * kBlock);
      for (size_t j = lo; j < hi; ++j) {
        if (a_.st(j) != Status::kHome) continue;
        if (w_.is_scheme(ch) && !eligible(ch, j)) continue;
        out.emplace_back(ranking_key(seed_, static_cast<uint64_t>(rep_), Stream::kInitialStock, j,
                                     a_.generation[j], static_cast<uint64_t>(ch)),
                         j);
      }
    });
    std::vector<std::pair<uint64_t, size_t>> cand;
    {
      size_t total = 0;
      for (const auto& v : by_block) total += v.size();
      cand.reserve(total);
      for (auto& v : by_block) {
        cand.insert(cand.end(), v.begin(), v.end());
        std::vector<std::pair<uint64_t, size_t>>().swap(v);
      }
    }
    tbb::parallel_sort(cand.begin(), cand.end());
    double left = people;
    for (const auto& [k, j] : cand) {
      if (left <= 0) break;
      left -= a_.weight(j);
      Rng r = rng(Stream::kInitialStock, j);
      const int d = w_.channel_destination(ch);
      const auto& dest = spec_.destinations[static_cast<size_t>(d)];
      a_.channel[j] = static_cast<int16_t>(ch);
      a_.trip_start[j] = -1;
      a_.prior_trip[j] = 1;
      a_.informed[j] = 1;
      a_.last_rem_channel[j] = -1;
      {
        const auto& chans = spec_.corridors[static_cast<size_t>(c)].channels;
        double u = r.uniform();
        for (size_t q = 0; q < chans.size(); ++q) {
          if (u < chans[q].initial_share) {
            a_.last_rem_channel[j] = static_cast<int8_t>(q);
            break;
          }
          u -= chans[q].initial_share;
        }
      }
      if (w_.is_scheme(ch) && sn_[ch].seasonal &&
          !rules::in_season(rules::calendar_month(spec_.run.start_month, 0), sn_[ch].m0,
                            sn_[ch].L)) {
        // Out of season at month 0: the scheme's workers are at home, back on time from
        // last season and eligible for re-hire.
        a_.status[j] = static_cast<uint8_t>(Status::kHome);
        a_.last_scheme[j] = static_cast<int16_t>(ch);
        a_.trip_end[j] = static_cast<uint8_t>(TripEnd::kOnTime);
        a_.return_month[j] = 0;
        a_.trips[j] = 1;
      } else if (w_.is_scheme(ch)) {
        const auto& sch_now = sn_[ch];
        // Months already worked: uniform over the contract, or the months of the season so
        // far for a seasonal scheme in season at month 0.
        const int elapsed =
            sch_now.seasonal
                ? ((rules::calendar_month(spec_.run.start_month, 0) - sch_now.m0) % 12 + 12) % 12
                : static_cast<int>(r.uniform() * sch_now.H);
        a_.status[j] = static_cast<uint8_t>(Status::kAbroadLegal);
        a_.sector[j] = static_cast<int16_t>(w_.scheme_sector[ch]);
        a_.start_month[j] = static_cast<int16_t>(-elapsed);
        a_.contract_end[j] = static_cast<int16_t>(sch_now.H - elapsed - 1);
        a_.employed_abroad[j] = 1;
        a_.last_scheme[j] = static_cast<int16_t>(ch);
        const double wage = scheme_wage(ch, j);
        const double saving = std::max(0.0, wage * 0.5 - dest.living * 0.5);
        a_.trip(j).savings_abroad = to_minor(saving * elapsed);
        a_.trip(j).wealth_base = a_.home_savings[j];
      } else {
        a_.status[j] = static_cast<uint8_t>(Status::kAbroadIrregular);
        a_.employed_abroad[j] = 1;
        a_.sector[j] = -1;
        a_.trip(j).savings_abroad = to_minor(r.uniform() * 6.0 * 100.0);
        a_.trip(j).wealth_base = a_.home_savings[j];
      }
      a_.snap_status[j] = a_.status[j];
    }
  };
  for (int s = 0; s < w_.n_schemes; ++s) place(s, spec_.schemes[s].initial_stock);
  for (int c = 0; c < w_.n_corridors; ++c)
    if (spec_.corridors[c].irregular.exists)
      place(w_.route_channel(c), spec_.corridors[c].irregular.initial_stock);

  // Aggregates "before any history" from the initial state.
  std::vector<double> abroad(spec_.corridors.size(), 0.0);
  for (size_t j = 0; j < a_.size(); ++j) {
    const Status s = a_.st(j);
    if (s == Status::kAbroadLegal || s == Status::kAbroadIrregular) {
      const int c = w_.channel_corridor(a_.channel[j]);
      if (c >= 0) abroad[c] += a_.weight(j);
      if (s == Status::kAbroadLegal) {
        sector_L_[a_.sector[j]] += a_.weight(j);
        legal_employed_by_scheme_[a_.channel[j]] += a_.weight(j);
      } else {
        dest_irr_N_[w_.channel_destination(a_.channel[j])] += a_.weight(j);
      }
    }
  }
  for (int c = 0; c < w_.n_corridors; ++c) {
    const int o = w_.corridor_origin[c];
    prevalence_[c] = origin_pop_[o] > 0 ? abroad[c] / origin_pop_[o] : 0.0;
  }
  for (int k = 0; k < w_.n_sectors; ++k) {
    sector_D_[k] = demand(k, 0);
    sector_U_[k] = irregular_room(k);
  }
  for (int d = 0; d < w_.n_destinations; ++d)
    for (int k : w_.destination_sectors[d]) dest_U_[d] += sector_U_[k];
  for (size_t j = 0; j < a_.size(); ++j) {
    net_worth_initial_[a_.origin[j] * 2 + 0] += net_worth_usd(j);
    net_worth_initial_[a_.origin[j] * 2 + 1] += net_worth_local(j);
  }
}

}  // namespace corridor
