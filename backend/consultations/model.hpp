// Consultations' types: consultations and their questions, responses and their versions, themes, the analysis.
// Plain structs; their JSON lives in model_json.
#pragma once

#include "core/references.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pswnet::consultations {

// Where a consultation is in its life. The database computes it from its clock (consultation_status() in SQL), so
// every read and write agrees.
enum class consultation_status { draft, upcoming, open, closed, outcome_published };

std::string_view to_string(consultation_status value) noexcept;
std::optional<consultation_status> parse_consultation_status(std::string_view text) noexcept;

// A question asked only when an earlier one was answered a given way: a choice or yes/no question's option, or one
// of a multiple-choice question's options among those chosen.
struct question_condition {
    std::string question; // the earlier question's key
    std::string answer;
};

struct question {
    std::string key;
    std::string text;
    std::optional<std::string> help_text;
    std::string type; // text, single_choice, multi_choice, scale, yes_no, number
    bool required = false;
    std::vector<std::string> options;
    std::optional<int> word_limit;
    std::optional<double> min, max;
    std::optional<std::string> scale_low, scale_high;
    std::optional<question_condition> shown_when;
};

struct outcome {
    std::string body;
    std::string body_html;
    std::string published_at;
    std::optional<std::int64_t> thread_id;
};

struct my_response {
    std::string status; // draft, submitted
    std::optional<std::string> submitted_at;
    std::string updated_at;
};

struct consultation {
    std::int64_t id = 0;
    std::string title;
    std::string summary;
    std::string summary_html;
    std::string audience; // children, adults, both
    std::string opens_at, closes_at;
    std::string response_scope; // organisation, individual
    consultation_status status = consultation_status::draft;
    std::vector<question> questions;
    person_ref created_by;
    organisation_ref organisation;
    std::optional<std::string> published_at;
    std::optional<consultations::outcome> outcome;
    int version = 1;
    std::optional<consultations::my_response> my_response;
};

// What an office sends to create or change a consultation; absent fields stay as they are.
struct consultation_fields {
    std::optional<std::string> title, summary, audience, opens_at, closes_at, response_scope;
    std::optional<std::vector<question>> questions;
};

// An answer: text, a choice and yes/no are strings; several choices a list; a scale point or a number a number.
using answer = std::variant<std::string, std::vector<std::string>, double>;
using answers = std::map<std::string, answer>;

struct response_version {
    int version = 0;
    bool submitted = false;
    std::string saved_at;
    person_ref saved_by;
};

struct consultation_response {
    std::int64_t id = 0;
    std::int64_t consultation_id = 0;
    std::string scope;
    organisation_ref organisation;
    std::optional<std::string> service; // children or adults, for a consultation of both services
    consultations::answers answers;
    int version = 0;
    std::string updated_at;
    person_ref updated_by;
    std::optional<int> submitted_version;
    std::optional<std::string> submitted_at;
    std::optional<person_ref> submitted_by;
    std::vector<response_version> versions;
};

struct response_save {
    consultations::answers answers;
    bool submit = false;
    std::optional<int> if_match; // the version the client last saw; empty when creating
};

// A submitted response as the office analyses it.
struct submitted_response {
    std::int64_t response_id = 0;
    organisation_ref organisation;
    std::optional<std::string> region_code;
    std::string submitter_sector;
    person_ref submitted_by;
    std::string submitted_at;
    int version = 0;
    consultations::answers answers;
    std::optional<std::string> service; // children or adults, for a consultation of both services
};

struct theme {
    std::int64_t id = 0;
    std::string name;
    int count = 0;
};

struct answer_theme {
    std::int64_t theme_id = 0;
    std::int64_t response_id = 0;
    std::string question_key;
};

struct audience_authority {
    organisation_ref organisation;
    std::optional<std::string> region_code;
    std::optional<std::string> region_name;
};

// The analysis.
struct option_count {
    std::string value;
    int count = 0;
    double percent = 0;
};

struct text_answer {
    std::int64_t response_id = 0;
    organisation_ref organisation;
    std::optional<std::string> service;
    std::string text;
    std::vector<std::int64_t> themes;
};

struct question_summary {
    std::string key, text, type;
    int asked = 0; // the responses that were asked it: all of them, unless it is conditional
    int answered = 0;
    std::vector<option_count> options;
    std::optional<double> mean, median;
    std::vector<text_answer> answers;
};

struct rate {
    std::string code, name;
    int audience_count = 0;
    int responded_count = 0;
    double response_rate = 0;
};

struct sector_count {
    std::string sector;
    int responses = 0;
};

struct summary {
    std::int64_t consultation_id = 0;
    consultation_status status = consultation_status::draft;
    int audience_count = 0;
    int responded_count = 0;
    double response_rate = 0;
    int responses = 0;
    std::vector<rate> by_region;
    std::vector<sector_count> by_sector;
    std::vector<organisation_ref> not_responded;
    std::vector<question_summary> questions;
    std::vector<theme> themes;
};

} // namespace pswnet::consultations
