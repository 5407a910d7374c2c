// Runs every replicate and lays the outputs out as labelled arrays (MODEL.md 6).
#include "engine/simulation.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <chrono>
#include <ctime>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "corridor/version.hpp"
#include "engine/replicate.hpp"
#include "engine/world.hpp"
#include "model/money.hpp"
#include "model/params.hpp"
#include "model/paths.hpp"
#include "model/stats.hpp"

namespace corridor {
namespace {

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

void add_levers(const Spec& spec, RunResults& res) {
  // Replay the timeline on a copy of the levers: the value of each scheme lever each month.
  Spec lev = spec;
  const auto months = static_cast<size_t>(spec.run.months);
  const auto& table = scheme_params();
  std::vector<std::vector<std::vector<double>>> values(
      spec.schemes.size(),
      std::vector<std::vector<double>>(table.size(), std::vector<double>(months)));
  for (size_t m = 0; m < months; ++m) {
    for (const auto& ev : spec.timeline) {
      if (ev.month != static_cast<int64_t>(m) || ev.action == TimelineEvent::Action::kAmnesty)
        continue;
      std::string err;
      if (!apply_timeline_event(lev, ev, &err)) throw std::runtime_error(err);
    }
    for (size_t s = 0; s < spec.schemes.size(); ++s)
      for (size_t p = 0; p < table.size(); ++p)
        values[s][p][m] = param_number(lev.schemes[s], table[p]);
  }
  for (size_t s = 0; s < spec.schemes.size(); ++s)
    for (size_t p = 0; p < table.size(); ++p) {
      if (!table[p].timeline) continue;
      auto& d =
          res.add("levers/" + spec.schemes[s].name + "/" + std::string(table[p].key),
                  std::string(table[p].unit.empty() ? "-" : table[p].unit),
                  "value in force each month: " + std::string(table[p].doc), {"month"}, {months});
      d.data = values[s][p];
    }
}

}  // namespace

RunResults run_simulation(const Spec& spec, const RunOptions& options) {
  const World world = build_world(spec);
  int threads = options.threads > 0 ? options.threads : static_cast<int>(spec.run.threads);
  if (threads <= 0) threads = tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<size_t>(threads));

  const auto R = static_cast<size_t>(spec.run.replicates);
  const auto M = static_cast<size_t>(spec.run.months);
  const size_t C = static_cast<size_t>(world.channels()) + 1;  // + "none"
  const size_t K = static_cast<size_t>(world.n_sectors);
  const size_t O = spec.origins.size();
  const size_t burn = static_cast<size_t>(spec.run.burn_in);

  RunResults res;
  res.text_attributes = {{"corridor_version", kVersion},      {"git_revision", kGitRevision},
                         {"build_flags", kBuildFlags},        {"scenario_name", spec.run.name},
                         {"scenario_file", spec.source_file}, {"created", utc_now()}};
  res.number_attributes = {{"seed", static_cast<double>(spec.run.seed)},
                           {"replicates", static_cast<double>(R)},
                           {"months", static_cast<double>(M)},
                           {"burn_in", static_cast<double>(burn)},
                           {"threads", static_cast<double>(threads)}};
  res.scenario_resolved = spec.resolved_text;
  auto channels = world.channel_names;
  channels.push_back("none");
  res.axes["schemes"] = channels;
  res.axes["sex"] = {"female", "male"};
  res.axes["sectors"] = world.sector_names;
  std::vector<std::string> names;
  for (const auto& o : spec.origins) names.push_back(o.name);
  res.axes["origins"] = names;
  names.clear();
  for (const auto& c : spec.corridors) names.push_back(c.name);
  res.axes["corridors"] = names;
  names.clear();
  for (const auto& o : spec.origins) names.push_back(o.name);
  for (const auto& d : spec.destinations) names.push_back(d.name);
  res.axes["countries"] = names;
  res.axes["bands"] = {kBandNames.begin(), kBandNames.end()};
  res.axes["statuses"] = {kStatusNames.begin(), kStatusNames.end()};
  res.axes["household_kinds"] = {"abroad", "returnee", "never"};
  res.axes["wealth_quintiles"] = {"q1", "q2", "q3", "q4", "q5"};
  res.axes["transfer_bands"] = {kTransferBandNames.begin(), kTransferBandNames.end()};

  // Timeseries arrays [replicate, month, scheme, sex] per indicator.
  // Datasets are addressed by index: res.datasets may reallocate as datasets are added.
  for (int q = 0; q < kIndicators; ++q) {
    const auto& info = kIndicatorInfo[static_cast<size_t>(q)];
    res.add("timeseries/" + std::string(info.name), std::string(info.units),
            std::string(info.description), {"replicate", "month", "schemes", "sex"}, {R, M, C, 2});
  }
  res.add("timeseries_by_sector/demand_job_months", "job-months per month",
          "foreign job stock D_k(t)", {"replicate", "month", "sectors"}, {R, M, K});
  res.add("timeseries_by_sector/legal_job_months", "job-months per month",
          "legal foreign workers employed", {"replicate", "month", "sectors"}, {R, M, K});
  res.add("timeseries_by_sector/irregular_job_months", "job-months per month",
          "irregular migrants employed, allocated to sectors by unfilled demand",
          {"replicate", "month", "sectors"}, {R, M, K});
  // Origin timeseries: columns of the replicate's origin accumulators with extra axes.
  struct OriginSeries {
    const char* name;
    const char* units;
    const char* description;
    int column;
    std::vector<std::string> dims;
    std::vector<size_t> shape;
  };
  const std::vector<OriginSeries> origin_series = {
      {"unemployed", "people", "unemployed among agents at home", kUnemployed, {}, {}},
      {"labour_force", "people", "agents at home", kLabourForce, {}, {}},
      {"poor_household_months",
       "people",
       "household-months below the poverty line",
       kPoor,
       {"household_kinds"},
       {3}},
      {"household_months",
       "people",
       "household-months",
       kHouseholdMonths,
       {"household_kinds"},
       {3}},
      {"departures",
       "people",
       "legal deployments and successful crossings, by wealth quintile at the start of the month",
       kDepartures,
       {"wealth_quintiles", "bands"},
       {5, 3}},
      {"home_person_months",
       "people",
       "agents at home at the start of the month",
       kHomeMonths,
       {"wealth_quintiles", "bands"},
       {5, 3}},
  };
  const size_t origin_base = res.datasets.size();
  for (const auto& os : origin_series) {
    std::vector<std::string> dims = {"replicate", "month", "origins"};
    std::vector<size_t> shape = {R, M, O};
    dims.insert(dims.end(), os.dims.begin(), os.dims.end());
    shape.insert(shape.end(), os.shape.begin(), os.shape.end());
    res.add(std::string("timeseries_by_origin/") + os.name, os.units,
            std::string(os.description) + " (people-weighted)", dims, shape);
  }
  // Money categories [replicate, month, origins] in each category's currency, and net
  // worth by currency at the end of each month and at the start.
  const size_t money_base = res.datasets.size();
  for (const auto& info : kMoneyInfo)
    res.add("money/" + std::string(info.name), info.currency == Currency::kUsd ? "USD" : "local",
            std::string(info.description) + (info.sign > 0   ? " (adds to net worth)"
                                             : info.sign < 0 ? " (subtracts from net worth)"
                                                             : " (between own accounts)"),
            {"replicate", "month", "origins"}, {R, M, O});
  res.add("money/net_worth_usd", "USD",
          "savings abroad plus compulsory-savings and social-security balances, end of month",
          {"replicate", "month", "origins"}, {R, M, O});
  res.add("money/net_worth_local", "local",
          "home savings plus business capital minus home-side debt, end of month",
          {"replicate", "month", "origins"}, {R, M, O});
  res.add("money/net_worth_initial", "USD or local",
          "net worth at the start of the run (USD, local)", {"replicate", "origins", "currency"},
          {R, O, 2});
  std::vector<size_t> ts_index(kIndicators);
  for (int q = 0; q < kIndicators; ++q) ts_index[static_cast<size_t>(q)] = static_cast<size_t>(q);
  const size_t sector_base = kIndicators;  // then the 3 sector timeseries

  const int64_t total = static_cast<int64_t>(R * M);
  int64_t done = 0;
  std::vector<std::array<double, 4>> cohort(R * C * 2);
  // Summary-only statistics from deployment records: [replicate, scheme, sex].
  constexpr size_t kRecordStats = 5;
  std::vector<std::array<double, kRecordStats>> record_stats(
      R * C * 2,
      {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
       std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
       std::numeric_limits<double>::quiet_NaN()});
  for (size_t r = 0; r < R; ++r) {
    Replicate rep(spec, world, static_cast<int64_t>(r), options.check_conservation);
    rep.initialise();
    for (size_t m = 0; m < M; ++m) {
      if (options.cancel && options.cancel->load()) throw RunCancelled();
      rep.step(static_cast<int64_t>(m));
      ++done;
      if (options.progress) options.progress(done, total);
    }
    const auto& s = rep.series();
    for (int q = 0; q < kIndicators; ++q) {
      auto& d = res.datasets[ts_index[static_cast<size_t>(q)]];
      for (size_t m = 0; m < M; ++m)
        for (size_t c = 0; c < C; ++c)
          for (size_t x = 0; x < 2; ++x)
            d.data[((r * M + m) * C + c) * 2 + x] =
                s[((m * C + c) * 2 + x) * kIndicators + static_cast<size_t>(q)];
    }
    const auto& ss = rep.sector_series();
    for (size_t m = 0; m < M; ++m)
      for (size_t k = 0; k < K; ++k)
        for (size_t j = 0; j < 3; ++j)
          res.datasets[sector_base + j].data[(r * M + m) * K + k] = ss[(m * K + k) * 3 + j];
    const auto& os = rep.origin_series();
    for (size_t q = 0; q < origin_series.size(); ++q) {
      auto& d = res.datasets[origin_base + q];
      size_t width = 1;
      for (size_t e : origin_series[q].shape) width *= e;
      const auto col = static_cast<size_t>(origin_series[q].column);
      for (size_t m = 0; m < M; ++m)
        for (size_t o = 0; o < O; ++o)
          for (size_t j = 0; j < width; ++j)
            d.data[((r * M + m) * O + o) * width + j] = os[(m * O + o) * kOriginCols + col + j];
    }
    const auto& ms = rep.money_series();
    const auto& nw = rep.net_worth_series();
    const size_t Q = static_cast<size_t>(kMoneyCategories);
    for (size_t m = 0; m < M; ++m)
      for (size_t o = 0; o < O; ++o) {
        for (size_t q = 0; q < Q; ++q)
          res.datasets[money_base + q].data[(r * M + m) * O + o] =
              static_cast<double>(ms[(m * O + o) * Q + q]) / 100.0;
        for (size_t c = 0; c < 2; ++c)
          res.datasets[money_base + Q + c].data[(r * M + m) * O + o] =
              static_cast<double>(nw[(m * O + o) * 2 + c]) / 100.0;
      }
    for (size_t x = 0; x < O * 2; ++x)
      res.datasets[money_base + Q + 2].data[r * O * 2 + x] =
          static_cast<double>(rep.net_worth_initial()[x]) / 100.0;
    // Deployment records of the window, grouped by scheme and sex, in record order.
    {
      std::vector<std::vector<const DeploymentRecord*>> groups(C * 2);
      for (const auto& rec : rep.records())
        if (rec.month >= static_cast<int32_t>(burn))
          groups[static_cast<size_t>(rec.channel) * 2 + rec.sex].push_back(&rec);
      const auto last = static_cast<int32_t>(M) - 1;
      for (size_t g = 0; g < groups.size(); ++g) {
        if (groups[g].empty()) continue;
        std::vector<stats::Observation> repay, recoup;
        std::vector<double> cost, weight;
        for (const DeploymentRecord* rec : groups[g]) {
          cost.push_back(rec->cost_usd);
          weight.push_back(rep.agents().stratum_weight[rec->stratum]);
          if (rec->debt_usd > 0) {
            const bool repaid = rec->repaid >= 0;
            const int32_t end = repaid ? rec->repaid : (rec->lost >= 0 ? rec->lost : last);
            repay.push_back({static_cast<double>(end - rec->month), repaid,
                             rep.agents().stratum_weight[rec->stratum]});
          }
          const bool covered = rec->recouped >= 0;
          const int32_t end = covered ? rec->recouped : (rec->trip_end >= 0 ? rec->trip_end : last);
          recoup.push_back({static_cast<double>(end - rec->month), covered,
                            rep.agents().stratum_weight[rec->stratum]});
        }
        auto& out = record_stats[r * C * 2 + g];
        if (!repay.empty()) {
          out[0] = stats::km_median(repay);
          out[1] = stats::km_rmst(repay, 60.0);
          out[2] = stats::km_survival_at(repay, 24.0);
        }
        out[3] = stats::km_median(recoup);
        out[4] =
            stats::weighted_share_above(cost, weight, 2.0 * stats::weighted_median(cost, weight));
      }
    }
    // Circularity cohort members still alive at the end of the run.
    const auto& a = rep.agents();
    for (size_t i = 0; i < a.size(); ++i) {
      if (!a.cohort_member[i]) continue;
      const int ch = a.channel[i] < 0 ? static_cast<int>(C) - 1 : a.channel[i];
      auto& v = cohort[(r * C + static_cast<size_t>(ch)) * 2 + a.sex[i]];
      const double w = a.weight(i), n = a.cohort_trips[i];
      v[0] += w;
      v[1] += w * n;
      v[2] += w * n * n;
      v[3] += n >= 2 ? w : 0.0;
    }
  }

  // Summaries over the window [burn_in, months): flows and money summed, stocks averaged.
  const size_t window = M > burn ? M - burn : 0;
  auto summarise = [&](size_t q) {
    const auto& info = kIndicatorInfo[q];
    std::vector<double> out(R * C * 2, 0.0);
    const auto& d = res.datasets[ts_index[q]];
    for (size_t r = 0; r < R; ++r)
      for (size_t m = burn; m < M; ++m)
        for (size_t c = 0; c < C * 2; ++c) out[r * C * 2 + c] += d.data[(r * M + m) * C * 2 + c];
    if (info.kind == Kind::kStock && window > 0)
      for (double& v : out) v /= static_cast<double>(window);
    return out;
  };
  std::vector<std::vector<double>> sums(kIndicators);
  for (size_t q = 0; q < static_cast<size_t>(kIndicators); ++q) sums[q] = summarise(q);
  // Cohort indicators come from the agents, not from monthly flows.
  for (size_t x = 0; x < R * C * 2; ++x) {
    sums[static_cast<size_t>(Ind::cohort_size)][x] += cohort[x][0];
    sums[static_cast<size_t>(Ind::trips_sum)][x] += cohort[x][1];
    sums[static_cast<size_t>(Ind::trips_sumsq)][x] += cohort[x][2];
    sums[static_cast<size_t>(Ind::multi_trip_count)][x] += cohort[x][3];
  }
  for (size_t q = 0; q < static_cast<size_t>(kIndicators); ++q) {
    const auto& info = kIndicatorInfo[q];
    auto& d = res.add(
        "summary/" + std::string(info.name), std::string(info.units),
        std::string(info.description) +
            (info.kind == Kind::kStock ? " (mean over the window)" : " (sum over the window)"),
        {"replicate", "schemes", "sex"}, {R, C, 2});
    d.data = sums[q];
  }
  auto ratio = [&](std::string_view name, const std::vector<double>& num,
                   const std::vector<double>& den, std::string_view units, std::string_view desc) {
    auto& n =
        res.add("summary/" + std::string(name) + "_num", std::string(units),
                "numerator of " + std::string(name), {"replicate", "schemes", "sex"}, {R, C, 2});
    n.data = num;
    auto& dd =
        res.add("summary/" + std::string(name) + "_den", "-", "denominator of " + std::string(name),
                {"replicate", "schemes", "sex"}, {R, C, 2});
    dd.data = den;
    auto& v = res.add(
        "summary/" + std::string(name), std::string(units),
        std::string(desc) + " (ratio of sums over the window; NaN where the denominator is 0)",
        {"replicate", "schemes", "sex"}, {R, C, 2});
    v.data.resize(num.size());
    for (size_t x = 0; x < num.size(); ++x)
      v.data[x] = den[x] > 0 ? num[x] / den[x] : std::numeric_limits<double>::quiet_NaN();
  };
  for (const auto& rt : kRatios) {
    auto num = sums[static_cast<size_t>(rt.num)];
    if (rt.num2 != rt.num)
      for (size_t x = 0; x < num.size(); ++x) num[x] += sums[static_cast<size_t>(rt.num2)][x];
    ratio(rt.name, num, sums[static_cast<size_t>(rt.den)], rt.units, rt.description);
  }
  {
    // Fiscal cost: loan subsidy + grants + bonuses (+ state-paid training: no such lever
    // yet) - welfare premiums.
    auto& f = res.add("summary/fiscal_cost", "USD",
                      "loan subsidy plus grants plus bonuses plus welfare payouts minus welfare "
                      "premiums (sum over the window)",
                      {"replicate", "schemes", "sex"}, {R, C, 2});
    for (size_t x = 0; x < f.data.size(); ++x)
      f.data[x] = sums[static_cast<size_t>(Ind::loan_subsidy_cost)][x] +
                  sums[static_cast<size_t>(Ind::grants_usd)][x] +
                  sums[static_cast<size_t>(Ind::bonuses)][x] +
                  sums[static_cast<size_t>(Ind::welfare_payouts)][x] -
                  sums[static_cast<size_t>(Ind::welfare_premiums)][x];
    // Remittance cost by transfer band.
    auto& n = res.add("summary/remittance_cost_pct_by_band_num", "USD", "fees by transfer band",
                      {"replicate", "schemes", "transfer_bands"}, {R, C, 5});
    auto& d =
        res.add("summary/remittance_cost_pct_by_band_den", "USD", "principal by transfer band",
                {"replicate", "schemes", "transfer_bands"}, {R, C, 5});
    for (size_t r = 0; r < R; ++r)
      for (size_t c = 0; c < C; ++c)
        for (size_t b = 0; b < 5; ++b)
          for (size_t x = 0; x < 2; ++x) {
            n.data[(r * C + c) * 5 + b] +=
                sums[static_cast<size_t>(Ind::rem_fees_b0) + b][(r * C + c) * 2 + x];
            d.data[(r * C + c) * 5 + b] +=
                sums[static_cast<size_t>(Ind::rem_sent_b0) + b][(r * C + c) * 2 + x];
          }
    const auto num = n.data, den = d.data;
    auto& v = res.add("summary/remittance_cost_pct_by_band", "share",
                      "remittance fees over principal by transfer size (both sexes)",
                      {"replicate", "schemes", "transfer_bands"}, {R, C, 5});
    for (size_t x = 0; x < num.size(); ++x)
      v.data[x] = den[x] > 0 ? num[x] / den[x] : std::numeric_limits<double>::quiet_NaN();
  }
  {
    const char* stat_names[kRecordStats] = {"months_to_repay_median", "months_to_repay_rmst60",
                                            "share_unrepaid_24m", "months_to_recoup",
                                            "share_cost_over_2x_median"};
    const char* units[kRecordStats] = {"months", "months", "share", "months", "share"};
    const char* descriptions[kRecordStats] = {
        "Kaplan-Meier median months from departure until home-side debt is repaid (deployments "
        "with debt; censored at exit, default or the end of the run; NaN if not reached)",
        "restricted mean months to repay up to 60 months (Kaplan-Meier)",
        "Kaplan-Meier share of indebted deployments not yet repaid 24 months after departure",
        "Kaplan-Meier median months from departure until earnings net of living, housing, lost "
        "deductions and home income forgone cover up-front cost plus interest (censored at the "
        "trip's end)",
        "share of deployments whose worker-paid cost exceeds twice the median (C2's skew)"};
    for (size_t q = 0; q < kRecordStats; ++q) {
      auto& d = res.add(std::string("summary/") + stat_names[q], units[q],
                        std::string(descriptions[q]) + "; deployments in the window",
                        {"replicate", "schemes", "sex"}, {R, C, 2});
      for (size_t x = 0; x < R * C * 2; ++x) d.data[x] = record_stats[x][q];
    }
  }
  {
    // return_rate_12m over t_s in [burn_in, months - 12): later t_s are censored.
    std::vector<double> num(R * C * 2, 0.0), den(R * C * 2, 0.0);
    const auto& dn = res.datasets[ts_index[static_cast<size_t>(Ind::return_12m_num)]];
    const auto& dd = res.datasets[ts_index[static_cast<size_t>(Ind::return_12m_den)]];
    for (size_t r = 0; r < R; ++r)
      for (size_t m = burn; m + 12 < M; ++m)
        for (size_t c = 0; c < C * 2; ++c) {
          num[r * C * 2 + c] += dn.data[(r * M + m) * C * 2 + c];
          den[r * C * 2 + c] += dd.data[(r * M + m) * C * 2 + c];
        }
    ratio("return_rate_12m", num, den, "share",
          "of legal migrants abroad at the end of month t_s, the share home within 12 months, "
          "t_s in [burn_in, months - 12)");
  }
  ratio("circularity", sums[static_cast<size_t>(Ind::trips_sum)],
        sums[static_cast<size_t>(Ind::cohort_size)], "trips per person",
        "trips within 120 months per cohort member");
  {
    // Variance of trips per cohort member, from the sums.
    auto& v = res.add("summary/trips_variance", "trips^2",
                      "variance of trips within 120 months across the circularity cohort",
                      {"replicate", "schemes", "sex"}, {R, C, 2});
    for (size_t x = 0; x < v.data.size(); ++x) {
      const double n = sums[static_cast<size_t>(Ind::cohort_size)][x];
      const double m1 = n > 0 ? sums[static_cast<size_t>(Ind::trips_sum)][x] / n : 0.0;
      v.data[x] = n > 0 ? sums[static_cast<size_t>(Ind::trips_sumsq)][x] / n - m1 * m1
                        : std::numeric_limits<double>::quiet_NaN();
    }
  }
  ratio("multi_trip_share", sums[static_cast<size_t>(Ind::multi_trip_count)],
        sums[static_cast<size_t>(Ind::cohort_size)], "share",
        "cohort members with two or more trips");

  // Sector and origin summaries.
  auto window_sum = [&](size_t index, size_t width) {
    std::vector<double> out(R * width, 0.0);
    const auto& d = res.datasets[index];
    for (size_t r = 0; r < R; ++r)
      for (size_t m = burn; m < M; ++m)
        for (size_t k = 0; k < width; ++k) out[r * width + k] += d.data[(r * M + m) * width + k];
    return out;
  };
  const auto dem = window_sum(sector_base + 0, K), leg = window_sum(sector_base + 1, K),
             irr = window_sum(sector_base + 2, K);
  const char* sector_names[3] = {"demand_job_months", "legal_job_months", "irregular_job_months"};
  const std::vector<double>* sector_sums[3] = {&dem, &leg, &irr};
  for (size_t j = 0; j < 3; ++j)
    res.add(std::string("summary_by_sector/") + sector_names[j], "job-months",
            "sum over the window", {"replicate", "sectors"}, {R, K})
        .data = *sector_sums[j];
  {
    auto& f = res.add("summary_by_sector/demand_filled_share", "share",
                      "legal job-months over demand", {"replicate", "sectors"}, {R, K});
    auto& g =
        res.add("summary_by_sector/irregular_fill_share", "share",
                "irregular over legal plus irregular job-months", {"replicate", "sectors"}, {R, K});
    for (size_t x = 0; x < R * K; ++x) {
      f.data[x] = dem[x] > 0 ? leg[x] / dem[x] : std::numeric_limits<double>::quiet_NaN();
      g.data[x] = leg[x] + irr[x] > 0 ? irr[x] / (leg[x] + irr[x])
                                      : std::numeric_limits<double>::quiet_NaN();
    }
  }
  // Origin summaries: ratios of window sums, with numerators and denominators.
  auto origin_ratio = [&](const char* name, size_t num_q, size_t den_q, const char* description) {
    const auto& os = origin_series[num_q];
    size_t width = 1;
    for (size_t e : os.shape) width *= e;
    const auto num = window_sum(origin_base + num_q, O * width);
    const auto den = window_sum(origin_base + den_q, O * width);
    std::vector<std::string> dims = {"replicate", "origins"};
    std::vector<size_t> shape = {R, O};
    dims.insert(dims.end(), os.dims.begin(), os.dims.end());
    shape.insert(shape.end(), os.shape.begin(), os.shape.end());
    const std::string base = std::string("summary_by_origin/") + name;
    res.add(base + "_num", "people", std::string("numerator of ") + name, dims, shape).data = num;
    res.add(base + "_den", "people", std::string("denominator of ") + name, dims, shape).data = den;
    auto& v = res.add(base, "share", description, dims, shape);
    for (size_t x = 0; x < num.size(); ++x)
      v.data[x] = den[x] > 0 ? num[x] / den[x] : std::numeric_limits<double>::quiet_NaN();
  };
  origin_ratio("unemployment", 0, 1, "unemployed over agents at home");
  origin_ratio("poverty_rate", 2, 3, "poor household-months over household-months");
  origin_ratio("emigration_rate", 4, 5,
               "departures and crossings over home person-months, by wealth quintile and band");
  add_levers(spec, res);
  return res;
}

}  // namespace corridor
