# Findyaml.cmake - finds libyaml (it ships a pkg-config file but no CMake config).
# Defines the imported target yaml::yaml and yaml_FOUND.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_yaml QUIET yaml-0.1)
endif()
find_path(yaml_INCLUDE_DIR yaml.h HINTS ${PC_yaml_INCLUDE_DIRS})
find_library(yaml_LIBRARY NAMES yaml HINTS ${PC_yaml_LIBRARY_DIRS})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(yaml REQUIRED_VARS yaml_LIBRARY yaml_INCLUDE_DIR
                                  VERSION_VAR PC_yaml_VERSION)
if(yaml_FOUND AND NOT TARGET yaml::yaml)
  add_library(yaml::yaml UNKNOWN IMPORTED)
  set_target_properties(yaml::yaml PROPERTIES IMPORTED_LOCATION "${yaml_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${yaml_INCLUDE_DIR}")
endif()
mark_as_advanced(yaml_INCLUDE_DIR yaml_LIBRARY)
