// Phases abroad: work and market clearing 2 (6), remittances and the migrant's household
// (7), contract ends, renewals, overstay, settlement, detection and amnesty (8).
#include <algorithm>
#include <cmath>
#include <tuple>

#include "engine/replicate.hpp"
#include "model/values.hpp"

namespace corridor {

void Replicate::end_trip(size_t i, Ind flow, TripEnd how) {
  add(i, a_.channel[i], flow);
  if (w_.is_route(a_.channel[i]) && a_.trips[i] == 1 && t_ - a_.trip_start[i] <= 12)
    add(i, a_.channel[i], Ind::first_returns_12m);
  if (a_.record[i] >= 0)
    records_[static_cast<size_t>(a_.record[i])].trip_end = static_cast<int16_t>(t_);
  a_.status[i] = static_cast<uint8_t>(Status::kHome);
  a_.trip_end[i] = static_cast<uint8_t>(how);
  a_.return_month[i] = static_cast<int16_t>(t_);
  a_.employed_abroad[i] = 0;
  a_.sector[i] = -1;
  a_.search_left[i] = 0;
}

// The fare home on an early return (MODEL.md 4.3): paid by the employer when it pays
// travel and the return follows a job loss, else by the worker from savings abroad.
void Replicate::pay_return_fare(size_t i, bool job_loss) {
  const int ch = a_.channel[i];
  const int c = w_.channel_corridor(ch);
  if (c < 0) return;
  const double fare = lev_.corridors[c].travel;
  if (job_loss && w_.is_scheme(ch) && lev_.schemes[ch].employer_pays_travel) {
    add(i, ch, Ind::employer_costs, fare);
    return;
  }
  if (job_loss && w_.is_scheme(ch) && lev_.schemes[ch].welfare_cover) {
    add(i, ch, Ind::welfare_payouts, fare);  // [ext] the welfare fund pays the fare
    return;
  }
  const int64_t paid = std::min(to_minor(fare), a_.trip(i).savings_abroad);
  a_.trip(i).savings_abroad -= paid;
  book(i, Money::return_fares, paid);
  add(i, ch, Ind::return_fares, from_minor(paid));
  add(i, ch, Ind::net_gain, -from_minor(paid));
}

void Replicate::go_irregular(size_t i, Ind flow, TripEnd how) {
  add(i, a_.channel[i], flow);
  if (a_.record[i] >= 0)
    records_[static_cast<size_t>(a_.record[i])].trip_end = static_cast<int16_t>(t_);
  a_.status[i] = static_cast<uint8_t>(Status::kAbroadIrregular);
  a_.trip_end[i] = static_cast<uint8_t>(how);
  a_.qual_years[i] = 0;
  a_.qual_months[i] = 0;
  a_.sector[i] = -1;
  a_.employed_abroad[i] = 0;
  // Balances are forfeited on overstay.
  book(i, Money::forfeited_balances, a_.trip(i).cs_balance + a_.trip(i).ss_balance);
  add(i, a_.channel[i], Ind::forfeited_balances,
      from_minor(a_.trip(i).cs_balance + a_.trip(i).ss_balance));
  a_.trip(i).cs_balance = 0;
  a_.trip(i).ss_balance = 0;
}

void Replicate::phase_work() {
  const auto& b = spec_.behaviour;
  // Market clearing 2: legal workers employed on k beyond D_k(t) lose their jobs (by key).
  std::vector<std::vector<std::pair<uint64_t, size_t>>> employed(static_cast<size_t>(w_.n_sectors));
  std::vector<double> searchers(static_cast<size_t>(w_.n_sectors), 0.0);
  // As serial_where, with the job-loss keys (one Philox block per employed worker) computed
  // in the parallel filter; the lists are then read serially in agent order.
  keyed_.resize(std::max<size_t>(1, n_blocks_));
  for_blocks([&](size_t lo, size_t hi) {
    auto& g = keyed_[lo / kBlock];
    g.clear();
    for (size_t i = lo; i < hi; ++i) {
      if (a_.snap(i) != Status::kAbroadLegal || a_.st(i) != Status::kAbroadLegal) continue;
      if (a_.start_month[i] > t_ || a_.sector[i] < 0) continue;
      g.emplace_back(a_.employed_abroad[i] ? key(Stream::kJobLoss, i) : 0,
                     static_cast<uint32_t>(i));
    }
  });
  for (const auto& g : keyed_)
    for (const auto& [kk, i] : g) {
      if (a_.employed_abroad[i])
        employed[a_.sector[i]].emplace_back(kk, static_cast<size_t>(i));
      else
        searchers[a_.sector[i]] += a_.weight(i);
    }
  std::vector<double> L_now(static_cast<size_t>(w_.n_sectors), 0.0);
  for (int k = 0; k < w_.n_sectors; ++k) {
    auto& e = employed[static_cast<size_t>(k)];
    std::sort(e.begin(), e.end());
    double L = 0;
    for (const auto& [kk, i] : e) L += a_.weight(i);
    const double D = sector_D_[k];
    for (auto it = e.rbegin(); it != e.rend() && L > D; ++it) {
      const size_t i = it->second;
      L -= a_.weight(i);
      a_.employed_abroad[i] = 0;
      const int s = a_.channel[i];
      if (w_.is_scheme(s) && !lev_.schemes[s].job_mobility) {
        // Without job mobility the worker must leave: home early, or abscond (core v2 M1:
        // job loss is one of the events on which absconding is considered).
        Rng ra = rng(Stream::kAbscondChoice, i);
        const int64_t Ho = spec_.behaviour.horizon_stay;
        if (prefers_staying(i, w_.channel_destination(s), early_return_value(i, Ho), Ho, ra)) {
          go_irregular(i, Ind::absconds, TripEnd::kAbsconded);
        } else {
          pay_return_fare(i, true);
          end_trip(i, Ind::early_returns, TripEnd::kEarly);
        }
      } else {
        a_.search_left[i] = static_cast<int8_t>(b.job_search_months);
        searchers[static_cast<size_t>(k)] += a_.weight(i);
      }
    }
    L_now[static_cast<size_t>(k)] = L;
  }
  std::vector<double> find(static_cast<size_t>(w_.n_sectors), 0.0);
  for (int k = 0; k < w_.n_sectors; ++k)
    find[k] =
        searchers[k] > 0 ? std::clamp((sector_D_[k] - L_now[k]) / searchers[k], 0.0, 1.0) : 0.0;
  std::vector<double> p_irr(static_cast<size_t>(w_.n_destinations), 0.0);
  for (int d = 0; d < w_.n_destinations; ++d) p_irr[d] = p_irr_now(d);

  for_blocks([&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) {
      if (a_.trip_state.has(i)) {  // this month's pay: nothing unless worked below
        TripState& last = a_.trip(i);
        last.net_pay = 0.0;
        last.shortfall = 0.0f;
      }
      const Status s = a_.snap(i);
      if (s != a_.st(i)) continue;
      if (s != Status::kAbroadLegal && s != Status::kAbroadIrregular && s != Status::kSettled)
        continue;
      if (s == Status::kAbroadLegal && a_.start_month[i] > t_) continue;
      TripState& tr = a_.trip(i);  // abroad: the agent has a trip state
      const int ch = a_.channel[i];
      const int d = w_.channel_destination(ch);
      const auto& dest = lev_.destinations[d];
      Rng r = rng(Stream::kSearch, i);
      double wage = 0.0, housing = dest.housing;
      int64_t deductions = 0;  // compulsory savings and social security (own USD accounts)
      double req = 1e9;
      if (s == Status::kAbroadLegal) {
        const int k = a_.sector[i];
        req = dest.sectors[w_.sector_local[k]].req;
        if (!a_.employed_abroad[i]) {
          if (r.bernoulli(find[k])) {
            a_.employed_abroad[i] = 1;
            a_.search_left[i] = 0;
          } else if (--a_.search_left[i] <= 0) {
            // Search exhausted: return home or stay irregularly (4.5).
            if (prefers_staying(i, d, early_return_value(i, b.horizon_stay), b.horizon_stay, r)) {
              go_irregular(i, Ind::searcher_overstays);
            } else {
              pay_return_fare(i, true);
              end_trip(i, Ind::early_returns, TripEnd::kEarly);
            }
            continue;
          }
        }
        if (a_.employed_abroad[i]) {
          wage = w_.is_scheme(ch) ? scheme_wage(ch, i)
                                  : irregular_wage(d, i) / (1.0 - dest.irregular_discount);
          if (w_.is_scheme(ch)) {
            const auto& sch = lev_.schemes[ch];
            // [ext] Contract substitution pays less than agreed; non-payment withholds a
            // month's pay. Both count as wage theft and as the shortfall that drives
            // absconding.
            const double contract = wage;
            double paid = contract * (1.0 - tr.wage_cut);
            Rng rn = rng(Stream::kNonPayment, i);
            if (rn.bernoulli(nonpayment_risk(ch))) paid = 0.0;
            if (contract > paid) {
              tr.withheld += to_minor(contract - paid);
              add(i, ch, Ind::wage_theft_usd, contract - paid);
              tr.shortfall = static_cast<float>((contract - paid) / contract);
            }
            wage = paid;
            const int64_t cs = to_minor(sch.compulsory_savings * wage);
            const int64_t ss = to_minor(sch.social_security * wage);
            tr.cs_balance += cs;
            tr.ss_balance += ss;
            deductions += cs + ss;
            if (sch.employer_pays_housing) {
              housing = 0.0;
              add(i, ch, Ind::employer_costs, dest.housing);
            }
            const float learn = static_cast<float>(b.learning * sch.learning_multiplier);
            a_.h_used[i] =
                std::min(std::max(a_.h_used[i], static_cast<float>(req)), a_.h_used[i] + learn);
          }
          add(i, ch, Ind::legal_employed);
          if (++a_.qual_months[i] >= 12) {
            a_.qual_months[i] = 0;
            if (!sn_[w_.is_scheme(ch) ? ch : 0].seasonal)
              a_.qual_years[i] = static_cast<int8_t>(a_.qual_years[i] + 1);
          }
        }
      } else if (s == Status::kAbroadIrregular) {
        a_.employed_abroad[i] = r.bernoulli(p_irr[d]) ? 1 : 0;
        if (a_.employed_abroad[i]) {
          wage = irregular_wage(d, i);
          add(i, ch, Ind::irregular_employed);
        }
      } else {  // settled
        wage = irregular_wage(d, i) / (1.0 - dest.irregular_discount);
        a_.employed_abroad[i] = 1;
        // [ext] Family reunification: the household joins the settled migrant.
        if (!a_.reunified[i]) {
          Rng ru = rng(Stream::kReunification, i);
          if (ru.bernoulli(b.reunification)) {
            a_.reunified[i] = 1;
            add(i, ch, Ind::reunifications);
          }
        }
      }
      if (wage > 0) {
        add(i, ch, Ind::earnings_abroad, wage);
        add(i, ch, Ind::h_employed, a_.h_used[i]);
        if (req < 1e8) add(i, ch, Ind::h_idle, std::max(0.0, a_.h_used[i] - req));
      }
      // Cost in months of earnings, in the first work month; the contract wage where the
      // worker earns nothing that month (counted in cost_ratio_imputed).
      if (s == Status::kAbroadLegal && !tr.cost_recorded && w_.is_scheme(ch)) {
        tr.cost_recorded = 1;
        const double base = wage > 0 ? wage : scheme_wage(ch, i);
        if (wage <= 0) add(i, ch, Ind::cost_ratio_imputed);
        add(i, ch, Ind::recruitment_cost_months, tr.cost_paid / base);
        add(i, ch, Ind::cost_ratios);
        if (tr.cost_paid > base) add(i, ch, Ind::cost_over_1_month);
      }
      // Pay: wage in, deductions to the agent's own balances, tax, then living and housing
      // paid as far as what the agent holds allows.
      const int64_t wage_m = to_minor(wage);
      const int64_t tax = to_minor(wage * dest.wage_tax);
      int64_t avail = tr.savings_abroad + wage_m - deductions - tax;
      const int64_t living = std::min(to_minor(dest.living), std::max<int64_t>(0, avail));
      avail -= living;
      const int64_t housing_paid = std::min(to_minor(housing), std::max<int64_t>(0, avail));
      avail -= housing_paid;
      book(i, Money::wages, wage_m);
      book(i, Money::wage_tax, tax);
      book(i, Money::living_costs, living);
      book(i, Money::housing_costs, housing_paid);
      tr.savings_abroad = avail;
      // [ext] A destination-side advance is repaid from wages, up to a share of net pay.
      int64_t repay = 0;
      if (tr.advance > 0) {
        const int64_t net_m = wage_m - deductions - tax - living - housing_paid;
        repay = std::min(
            {tr.advance, tr.advance_instalment, std::max<int64_t>(0, avail),
             std::max<int64_t>(0, to_minor(b.advance_repayment_share * from_minor(net_m)))});
        tr.advance -= repay;
        tr.savings_abroad -= repay;
      }
      const double net = from_minor(wage_m - deductions - tax - living - housing_paid);
      tr.net_pay = net - from_minor(repay);
      if (s != Status::kSettled) add(i, ch, Ind::net_gain, net - y_home_usd(i));
      // Recouping: earnings less living, housing, lost deductions and home income forgone.
      if (s == Status::kAbroadLegal && a_.record[i] >= 0) {
        auto& rec = records_[static_cast<size_t>(a_.record[i])];
        if (rec.recouped < 0 && rec.trip_end < 0) {
          double lost_deductions = 0.0;
          if (w_.is_scheme(ch)) {
            const auto& sch = lev_.schemes[ch];
            lost_deductions = wage * sch.social_security * (1.0 - sch.ss_portable);
          }
          rec.recoup += wage - from_minor(living + housing_paid) - lost_deductions - y_home_usd(i);
          if (rec.recoup - rec.interest_usd >= 0) rec.recouped = static_cast<int16_t>(t_);
        }
      }

      // First-month disappointment of previously uninformed legal workers.
      if (s == Status::kAbroadLegal && a_.was_uninformed[i] && t_ == a_.start_month[i] &&
          b.disappointment_enabled > 0 && w_.is_scheme(ch)) {
        a_.was_uninformed[i] = 0;
        a_.informed[i] = 1;
        const auto& sch = lev_.schemes[ch];
        const int64_t H_left = std::max<int64_t>(0, a_.contract_end[i] - t_);
        // Continue to the contract's end and return on time, or leave now (core v2 M1: the
        // same values as at a contract end, over the contract's remaining months).
        const double S = from_minor(a_.trip(i).savings_abroad);
        const double unpaid = dest.living + (sch.employer_pays_housing ? 0.0 : dest.housing);
        const values::Value v_cont =
            values::value_work(scale(i), H_left, H_left, net, unpaid, 1.0, y_home_usd(i), S,
                               terms_at_end(i, true), 1.0 - 0.5 * sch.multiple_entry);
        const values::Value v_early = early_return_value(i, H_left);
        Rng rd = rng(Stream::kDisappointment, i);
        const double p = rules::logistic(choice_utility(i, v_early, v_cont, months_abroad(i)));
        if (rd.bernoulli(p)) {
          pay_return_fare(i, false);
          end_trip(i, Ind::early_returns, TripEnd::kEarly);
        }
      }
    }
  });
}

void Replicate::phase_remit() {
  const auto& b = spec_.behaviour;
  for_blocks([&](size_t lo, size_t hi) {
    std::vector<double> util;
    std::vector<int> opt;
    for (size_t i = lo; i < hi; ++i) {
      const Status s = a_.snap(i);
      if (s != Status::kAbroadLegal && s != Status::kAbroadIrregular && s != Status::kSettled)
        continue;
      const bool still_abroad = a_.st(i) == s;
      const int o = a_.origin[i];
      const int ch = a_.channel[i];
      const int c = w_.channel_corridor(ch) >= 0
                        ? w_.channel_corridor(ch)
                        : (w_.origin_corridors[o].empty() ? -1 : w_.origin_corridors[o][0]);
      Rng r = rng(Stream::kRemitChannel, i);
      const int64_t other = other_income(i, r);
      const int64_t business = business_income_local(i, false);
      int64_t received = 0;
      if (still_abroad && c >= 0 && (s != Status::kAbroadLegal || a_.start_month[i] <= t_)) {
        TripState& tr = a_.trip(i);
        const auto& org = lev_.origins[o];
        const auto& chans = lev_.corridors[c].channels;
        const double x = x_now(o);
        const double need_g =
            std::max(0.0, org.subsistence * (a_.household[i] - 1) - from_minor(other + business));
        double need_i = 0.0;
        if (a_.loans_due_from[i] >= 0 && t_ >= a_.loans_due_from[i])
          for (int l = 0; l < kLenders; ++l) {
            const auto& loan = a_.loan(i, l);
            need_i += from_minor(std::min(loan.balance, loan.instalment * (1 + loan.arrears)));
          }
        const double tax_r = w_.is_scheme(ch) ? lev_.schemes[ch].remittance_tax : 0.0;
        const bool legal = s != Status::kAbroadIrregular;
        const bool bank = a_.bank[i] || (w_.is_scheme(ch) && lev_.schemes[ch].direct_banking);
        // Usable channels.
        util.clear();
        opt.clear();
        const double altruism = b.altruism * (s == Status::kSettled ? b.settled_remit_ratio : 1.0);
        const double fx_ref = chans.empty() ? 0.0 : chans[0].fx_margin;
        const double denom = x * (1.0 - fx_ref) * (1.0 - tax_r);
        double R = rules::remittance_amount(from_minor(tr.savings_abroad), 0.0, 0.0, need_g / denom,
                                            need_i / denom, altruism, tr.net_pay);
        const bool bunch = need_g <= 0 && need_i <= 0 && b.fixed_remittance <= 0;
        if (b.fixed_remittance > 0) R = b.fixed_remittance;
        if (a_.reunified[i]) R *= b.reunified_remittance_share;  // [ext] household has joined
        if (bunch)
          R = (t_ % 3 == a_.remit_phase[i]) ? std::min(3.0 * R, from_minor(tr.savings_abroad))
                                            : 0.0;
        if (R > 1.0) {
          for (size_t q = 0; q < chans.size(); ++q) {
            const auto& chn = chans[q];
            if (chn.needs_account && !bank) continue;
            if (chn.needs_legal && !legal) continue;
            if (!a_.informed[i] && chn.kind != "informal" &&
                static_cast<int>(q) != a_.last_rem_channel[i])
              continue;
            // The remittance tax is levied by formal institutions: an informal transfer
            // escapes it, and a formal channel's price includes it (tax on the amount
            // converted, principal less the fx margin).
            const double tax_q = chn.kind == "informal" ? 0.0 : tax_r;
            util.push_back(
                rules::channel_utility(chn.constant, b.b_cost, chn.fixed_fee, chn.pct_fee,
                                       chn.fx_margin + tax_q * (1.0 - chn.fx_margin), R));
            opt.push_back(static_cast<int>(q));
          }
        }
        if (!opt.empty()) {
          const int q = opt[static_cast<size_t>(rules::logit_choice(util, r.uniform()))];
          const auto& chn = chans[static_cast<size_t>(q)];
          // In minor units: principal, fees, fx margin and tax; what is left converts.
          const int64_t cash = tr.savings_abroad;
          int64_t principal = to_minor(R);
          int64_t fees = to_minor(chn.fixed_fee + chn.pct_fee * from_minor(principal));
          if (principal + fees > cash) {
            principal = std::max<int64_t>(
                0, to_minor((from_minor(cash) - chn.fixed_fee) / (1.0 + chn.pct_fee)));
            fees = to_minor(chn.fixed_fee + chn.pct_fee * from_minor(principal));
            if (principal + fees > cash) principal = std::max<int64_t>(0, cash - fees);
          }
          if (principal > 0 && principal + fees <= cash) {
            const int64_t margin = to_minor(chn.fx_margin * from_minor(principal));
            const double tax_q = chn.kind == "informal" ? 0.0 : tax_r;
            const int64_t tax = to_minor(from_minor(principal - margin) * tax_q);
            const int64_t converted = principal - margin - tax;
            tr.savings_abroad -= principal + fees;
            book(i, Money::remittance_fees, fees);
            book(i, Money::remittance_fx_margin, margin);
            book(i, Money::remittance_tax, tax);
            a_.last_rem_channel[i] = static_cast<int8_t>(q);
            const double sent = from_minor(principal);
            add(i, ch, Ind::transfers);
            add(i, ch, Ind::remittances_sent, sent);
            if (chn.kind != "informal") add(i, ch, Ind::remittances_formal, sent);
            add(i, ch, Ind::remittance_fees, from_minor(fees + margin));
            add(i, ch, Ind::remittance_tax, from_minor(tax));
            if (s != Status::kSettled) add(i, ch, Ind::net_gain, -from_minor(fees + margin + tax));
            const int band = transfer_band(sent);
            add(i, ch, static_cast<Ind>(static_cast<int>(Ind::rem_sent_b0) + band), sent);
            add(i, ch, static_cast<Ind>(static_cast<int>(Ind::rem_fees_b0) + band),
                from_minor(fees + margin));
            Rng rl = rng(Stream::kRemitLoss, i);
            if (chn.loss_risk > 0 && rl.bernoulli(chn.loss_risk)) {
              book(i, Money::informal_losses, converted);
              add(i, ch, Ind::informal_losses, from_minor(converted));
              if (s != Status::kSettled) add(i, ch, Ind::net_gain, -from_minor(converted));
            } else {
              book(i, Money::conversions_out_usd, converted);
              received = to_minor(x * from_minor(converted));
              tr.received += received;
              book(i, Money::conversions_in_local, received);
              add(i, ch, Ind::remittances_received, from_minor(received));
            }
          }
        }
      }
      household_budget(i, 0, other, business, received, a_.st(i) != Status::kHome);
    }
  });
}

void Replicate::phase_contract_ends() {
  const auto& b = spec_.behaviour;
  for_blocks([&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) {
      const Status st = a_.st(i);
      const int ch = a_.channel[i];
      if (st == Status::kAbroadLegal && a_.start_month[i] <= t_) {
        const bool scheme = w_.is_scheme(ch);
        const int d = w_.channel_destination(ch);
        const auto& dest = lev_.destinations[d];
        Rng r = rng(Stream::kContractEnd, i);
        const int64_t N = scheme ? lev_.schemes[ch].residence_years : 0;
        const bool path_eligible = N > 0 && a_.qual_years[i] >= N;
        const bool at_end = a_.contract_end[i] == t_;
        if (path_eligible && !at_end) {
          Rng rs = rng(Stream::kSettle, i);
          if (rs.bernoulli(lev_.schemes[ch].p_settle)) {
            add(i, ch, Ind::settled_during);
            a_.status[i] = static_cast<uint8_t>(Status::kSettled);
            continue;
          }
        }
        // [ext] Absconding from a tied employer, considered only on events (core v2 M1): a
        // month's pay withheld, the first month on a substituted contract, or an outside
        // offer of irregular work (monthly chance mu_offer x the irregular employment odds).
        // The worker then weighs staying irregularly against finishing the contract.
        if (!at_end && scheme && !lev_.schemes[ch].job_mobility && a_.employed_abroad[i]) {
          const TripState& tr = std::as_const(a_).trip(i);
          const bool unpaid = tr.shortfall >= 0.999f;
          const bool substituted = t_ == a_.start_month[i] && tr.wage_cut > 0.0f;
          Rng ra = rng(Stream::kAbscond, i);
          const bool offer = ra.bernoulli(b.mu_offer * p_irr_now(d));
          if (unpaid || substituted || offer) {
            Rng rc = rng(Stream::kAbscondChoice, i);
            const int64_t H_left = std::max<int64_t>(0, a_.contract_end[i] - t_);
            const int64_t T = std::max<int64_t>(H_left, b.horizon_stay);
            const auto& sch = lev_.schemes[ch];
            const values::Value v_cont = values::value_work(
                scale(i), H_left, T, contract_net_pay(i),
                dest.living + (sch.employer_pays_housing ? 0.0 : dest.housing),
                1.0 - nonpayment_risk(ch), y_home_usd(i), from_minor(tr.savings_abroad),
                terms_at_end(i, true), 1.0 - 0.5 * sch.multiple_entry);
            if (prefers_staying(i, d, v_cont, T, rc)) {
              go_irregular(i, Ind::absconds, TripEnd::kAbsconded);
              continue;
            }
          }
        }
        if (!at_end) {
          // With job mobility the worker is free to leave: at rate r_0 it weighs going home
          // now against working on to the contract's end (core v2 M2: a target earner past
          // the target gains little by staying).
          if (scheme && lev_.schemes[ch].job_mobility) {
            Rng rr = rng(Stream::kIrregularReconsider, i);
            if (rr.bernoulli(b.irregular_reconsider)) {
              const auto& sch = lev_.schemes[ch];
              const int64_t H_left = std::max<int64_t>(0, a_.contract_end[i] - t_);
              const double unpaid = dest.living + (sch.employer_pays_housing ? 0.0 : dest.housing);
              const values::Value v_cont = values::value_work(
                  scale(i), H_left, H_left, contract_net_pay(i), unpaid, 1.0 - nonpayment_risk(ch),
                  y_home_usd(i), from_minor(a_.trip(i).savings_abroad), terms_at_end(i, true),
                  1.0 - 0.5 * sch.multiple_entry);
              const double u =
                  choice_utility(i, early_return_value(i, H_left), v_cont, months_abroad(i));
              if (rr.bernoulli(rules::logistic(u))) {
                pay_return_fare(i, false);
                end_trip(i, Ind::early_returns, TripEnd::kEarly);
              }
            }
          }
          continue;
        }
        if (path_eligible) {
          Rng rs = rng(Stream::kSettle, i);
          if (rs.bernoulli(lev_.schemes[ch].p_settle)) {
            add(i, ch, Ind::settled_at_end);
            add(i, ch, Ind::contract_ends);
            add(i, ch, Ind::contract_ends_at_least_n);
            a_.status[i] = static_cast<uint8_t>(Status::kSettled);
            continue;
          }
        }
        // Renewal was agreed t0 months ahead (phase_renewals); otherwise return or stay.
        int choice = 0;  // 0 return, 1 overstay, 2 renew
        if (std::as_const(a_).trip(i).renewal == 1) {
          choice = 2;
        } else {
          const std::array<double, 3> u = contract_end_utilities(i, false);
          choice = rules::logit_choice(std::span<const double>(u.data(), 2), r.uniform());
        }
        if (choice == 2) {
          const int H = scheme ? sn_[ch].H : static_cast<int>(dest.regularised_months);
          a_.contract_end[i] =
              static_cast<int16_t>(a_.contract_end[i] + (scheme && sn_[ch].seasonal ? 12 : H));
          if (scheme && sn_[ch].seasonal)
            a_.start_month[i] = static_cast<int16_t>(a_.contract_end[i] - H + 1);
          a_.renewals_used[i] = static_cast<int8_t>(a_.renewals_used[i] + 1);
          a_.trip(i).renewal = 0;
          // A season completed counts a qualifying year, renewed or followed by an on-time
          // return.
          if (scheme && sn_[ch].seasonal)
            a_.qual_years[i] = static_cast<int8_t>(a_.qual_years[i] + 1);
          add(i, ch, Ind::renewals);
          continue;
        }
        add(i, ch, Ind::contract_ends);
        if (N > 0)
          add(i, ch, path_eligible ? Ind::contract_ends_at_least_n : Ind::contract_ends_below_n);
        if (choice == 1) {
          if (N > 0) add(i, ch, path_eligible ? Ind::overstays_at_least_n : Ind::overstays_below_n);
          go_irregular(i, Ind::overstays);
        } else {
          if (scheme && sn_[ch].seasonal)
            a_.qual_years[i] = static_cast<int8_t>(a_.qual_years[i] + 1);
          end_trip(i, Ind::returns_on_time, TripEnd::kOnTime);
        }
      } else if (st == Status::kAbroadIrregular && a_.snap(i) == Status::kAbroadIrregular) {
        const int d = w_.channel_destination(ch);
        const auto& dest = lev_.destinations[d];
        Rng r = rng(Stream::kDetection, i);
        if (r.bernoulli(dest.detection)) {
          const int64_t lost = rules::round_half_even(
              dest.deportation_loss * static_cast<double>(a_.trip(i).savings_abroad));
          book(i, Money::deportation_seizures, lost);
          add(i, ch, Ind::deportation_seizures, from_minor(lost));
          add(i, ch, Ind::net_gain, -from_minor(lost));
          a_.trip(i).savings_abroad -= lost;
          a_.ban_until[i] = static_cast<int16_t>(t_ + dest.ban_months);
          end_trip(i, Ind::deportations, TripEnd::kDeported);
          continue;
        }
        Rng rr = rng(Stream::kIrregularReconsider, i);
        if (rr.bernoulli(b.irregular_reconsider)) {
          const values::Value v_ret = values::value_return(
              scale(i), b.horizon_stay, y_home_usd(i), from_minor(a_.trip(i).savings_abroad), {});
          if (!prefers_staying(i, d, v_ret, b.horizon_stay, rr))
            end_trip(i, Ind::irregular_returns, TripEnd::kIrregular);
        }
      }
    }
  });

  // Amnesty: every irregular migrant present is regularised into a 12-month permit.
  if (std::find(amnesty_.begin(), amnesty_.end(), 1) == amnesty_.end()) return;
  serial_where(
      [&](size_t i) {
        return a_.st(i) == Status::kAbroadIrregular &&
               amnesty_[w_.channel_destination(a_.channel[i])];
      },
      [&](size_t i) {
        const int d = w_.channel_destination(a_.channel[i]);
        add(i, a_.channel[i], Ind::regularisations);
        const auto& sectors = w_.destination_sectors[d];
        int best = sectors.front();
        for (int k : sectors)
          if (sector_U_[k] > sector_U_[best]) best = k;
        a_.status[i] = static_cast<uint8_t>(Status::kAbroadLegal);
        a_.channel[i] = static_cast<int16_t>(w_.regularised_channel(d));
        a_.sector[i] = static_cast<int16_t>(best);
        a_.start_month[i] = static_cast<int16_t>(t_ + 1);
        a_.contract_end[i] = static_cast<int16_t>(t_ + lev_.destinations[d].regularised_months);
        a_.employed_abroad[i] = 1;
        a_.renewals_used[i] = 0;
        a_.trip(i).renewal = 0;
      });
}

}  // namespace corridor
