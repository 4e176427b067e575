#include "app/jobcenter_data.hpp"

#include "app/embedded_assets.hpp"

namespace naervaer::client {

std::string LoadedJobcenter::jobcenter_name(std::string_view code) const {
    const Municipality* m = municipalities.find_by_code(code);
    return m ? m->jobcenter : std::string();
}

LoadedJobcenter load_jobcenter(std::string_view (*read)(std::string_view name)) {
    LoadedJobcenter loaded;
    if (auto m = parse_asset(read, municipalities_file, &parse_municipalities, &MunicipalitiesParse::municipalities,
                             loaded.errors))
        loaded.municipalities = std::move(*m);
    loaded.catalogue = parse_asset(read, services_file, &parse_service_catalogue, &ServiceCatalogueParse::catalogue,
                                   loaded.errors);
    if (auto s = parse_asset(read, service_standards_file, &parse_service_standards,
                             &ServiceStandardsParse::standards, loaded.errors))
        loaded.standards = std::move(*s);
    return loaded;
}

const LoadedJobcenter& jobcenter_data() {
    static const LoadedJobcenter loaded = load_jobcenter(&assets::file);
    return loaded;
}

} // namespace naervaer::client
