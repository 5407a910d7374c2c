// The remittance tax is levied on formal transfers only, and formal channels' prices include
// it, so a tax pushes remittances to the informal channel (removing it, as Colombia did,
// pulls them back).
#include <gtest/gtest.h>

#include "engine/simulation.hpp"
#include "engine_test_support.hpp"
#include "input/scenario_loader.hpp"

namespace corridor {
namespace {

RunResults run_default_with_tax(double tax) {
  const std::string path = std::string(CORRIDOR_SOURCE_DIR) + "/scenarios/default.toml";
  LoadResult loaded =
      load_scenario(path, {"run.months=84", "run.burn_in=24", "run.replicates=2",
                           "schemes.ma_es_bilateral.remittance_tax=" + std::to_string(tax)});
  for (const auto& d : loaded.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  EXPECT_TRUE(loaded.ok());
  return run_simulation(*loaded.spec);
}

double summary_total(const RunResults& r, const std::string& name, int ch) {
  const Dataset* d = r.find("summary/" + name);
  EXPECT_NE(d, nullptr) << name;
  if (!d) return 0;
  double s = 0;
  for (size_t rep = 0; rep < d->shape[0]; ++rep)
    for (size_t sex = 0; sex < d->shape[2]; ++sex)
      s += d->data[(rep * d->shape[1] + static_cast<size_t>(ch)) * d->shape[2] + sex];
  return s;
}

TEST(RemittanceTax, FallsOnFormalTransfersOnlyAndPushesRemittancesInformal) {
  const RunResults untaxed = run_default_with_tax(0.0), taxed = run_default_with_tax(0.2);
  const int ch = test_support::channel_index(taxed, "ma_es_bilateral");
  const double formal0 = summary_total(untaxed, "remittances_formal", ch) /
                         summary_total(untaxed, "remittances_sent", ch);
  const double formal1 =
      summary_total(taxed, "remittances_formal", ch) / summary_total(taxed, "remittances_sent", ch);
  EXPECT_LT(formal1, formal0 - 0.1) << "untaxed " << formal0 << ", taxed " << formal1;
  EXPECT_EQ(summary_total(untaxed, "remittance_tax", ch), 0.0);
  // Tax = 0.2 x (formal principal less the fx margin): positive, and at most 0.2 of the
  // formal principal (informal transfers pay none).
  const double tax = summary_total(taxed, "remittance_tax", ch);
  const double formal = summary_total(taxed, "remittances_formal", ch);
  EXPECT_GT(tax, 0.0);
  EXPECT_LE(tax, 0.2 * formal * (1 + 1e-9));
  EXPECT_GT(tax, 0.2 * formal * 0.95) << "fx margins are a few percent at most";
}

}  // namespace
}  // namespace corridor
