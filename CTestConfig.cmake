# CTestConfig.cmake - where `ctest -D Experimental` (or `ctest -T Submit`) sends results: a CDash
# project. Set BENCHGATE_CDASH_URL (a submit.php URL) when configuring to submit elsewhere;
# `ctest -T Test` writes Testing/<tag>/Test.xml, with the benchmarks' measurements, without any.
set(CTEST_PROJECT_NAME "benchgate")
set(CTEST_NIGHTLY_START_TIME "01:00:00 UTC")
if(DEFINED ENV{BENCHGATE_CDASH_URL})
  set(CTEST_SUBMIT_URL "$ENV{BENCHGATE_CDASH_URL}")
else()
  set(CTEST_SUBMIT_URL "https://my.cdash.org/submit.php?project=benchgate")
endif()
