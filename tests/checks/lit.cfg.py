# lit configuration of the check tests: each test runs through the vehicle
# named by --param vehicle=plugin|tether-tidy (ctest runs both).
import os
import lit.formats

config.name = "tether-checks-" + lit_config.params.get("vehicle", "tether-tidy")
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tether_binary_dir, "tests", "checks",
                                     config.name)

vehicle = lit_config.params.get("vehicle", "tether-tidy")
if vehicle == "plugin":
    tidy = "%s --load=%s" % (config.clang_tidy, config.tether_plugin)
elif vehicle == "tether-tidy":
    tidy = config.tether_tidy
else:
    lit_config.fatal("unknown vehicle %r: use plugin or tether-tidy" % vehicle)

# The fixed file is the same through both vehicles: one of them also compiles
# it with g++.
compilers = config.cxx
if vehicle == "tether-tidy" and config.gxx:
    compilers += "," + config.gxx
check_tidy = "%s %s -tidy='%s' -filecheck=%s -cxx=%s" % (
    config.python, os.path.join(config.tether_source_dir, "tests", "check_tidy.py"),
    tidy, config.filecheck, compilers)
config.substitutions.append(("%check_tidy", check_tidy))
config.substitutions.append(("%tidy", tidy))
config.substitutions.append(("%filecheck", config.filecheck))
config.substitutions.append(("%cxx", config.cxx))
config.substitutions.append(("%not", config.not_tool))
config.substitutions.append(
    ("%runtime_include", os.path.join(config.tether_source_dir, "runtime", "include")))
# The Asio headers of Debian do not detect clang's coroutine support.
config.substitutions.append(("%asio_flags", "-DASIO_HAS_CO_AWAIT=1"))
config.substitutions.append(("%boost_asio_flags", "-DBOOST_ASIO_HAS_CO_AWAIT=1"))
