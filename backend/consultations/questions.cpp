// Question and answer rules.
#include "consultations/questions.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <regex>
#include <set>

namespace pswnet::consultations {
namespace {

constexpr std::array question_types{"text", "single_choice", "multi_choice", "scale", "yes_no", "number"};

bool is_choice(const question& q)
{
    return q.type == "single_choice" || q.type == "multi_choice";
}

std::string answer_field(const question& q)
{
    return "answers." + q.key;
}

std::string number_text(double value)
{
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, end);
}

bool has_option(const question& q, const std::string& value)
{
    return std::find(q.options.begin(), q.options.end(), value) != q.options.end();
}

bool is_conditional_kind(const question& q)
{
    return is_choice(q) || q.type == "yes_no";
}

void check_condition(const std::vector<question>& questions, std::size_t i, field_errors& errors)
{
    const auto& condition = *questions[i].shown_when;
    const auto field = "questions[" + std::to_string(i) + "].shown_when.";
    auto earlier = std::find_if(questions.begin(), questions.begin() + static_cast<std::ptrdiff_t>(i),
                                [&](const question& q) { return q.key == condition.question; });
    if (earlier == questions.begin() + static_cast<std::ptrdiff_t>(i)) {
        errors.add(field + "question", "must be the key of an earlier question");
        return;
    }
    if (!is_conditional_kind(*earlier)) {
        errors.add(field + "question", "must be a single_choice, multi_choice or yes_no question");
        return;
    }
    const bool known = earlier->type == "yes_no" ? condition.answer == "yes" || condition.answer == "no"
                                                 : has_option(*earlier, condition.answer);
    if (!known)
        errors.add(field + "answer",
                   earlier->type == "yes_no" ? "must be yes or no" : "must be one of the options of " + earlier->key);
}

bool chose(const answer& value, const std::string& wanted)
{
    if (const auto* text = std::get_if<std::string>(&value))
        return *text == wanted;
    if (const auto* chosen = std::get_if<std::vector<std::string>>(&value))
        return std::find(chosen->begin(), chosen->end(), wanted) != chosen->end();
    return false;
}

} // namespace

bool is_asked(const question& q, const std::vector<question>& questions, const answers& given)
{
    if (!q.shown_when)
        return true;
    auto earlier = std::find_if(questions.begin(), questions.end(),
                                [&](const question& x) { return x.key == q.shown_when->question; });
    auto value = given.find(q.shown_when->question);
    // Conditions name earlier questions only (check_questions), so this ends.
    return earlier != questions.end() && value != given.end() && chose(value->second, q.shown_when->answer) &&
           is_asked(*earlier, questions, given);
}

answers asked_answers(const std::vector<question>& questions, answers given)
{
    for (const auto& q : questions)
        if (!is_asked(q, questions, given))
            given.erase(q.key);
    return given;
}

int word_count(std::string_view text)
{
    int words = 0;
    bool in_word = false;
    for (unsigned char c : text) {
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && !in_word)
            ++words;
        in_word = !space;
    }
    return words;
}

void check_questions(const std::vector<question>& questions, field_errors& errors)
{
    static const std::regex key_pattern("^[a-z][a-z0-9_]{0,39}$");
    if (questions.empty() || questions.size() > max_questions)
        errors.add("questions", "must have 1 to 50 questions");
    std::set<std::string> keys;
    for (std::size_t i = 0; i < questions.size() && i < max_questions; ++i) {
        const auto& q = questions[i];
        auto field = [&](std::string_view name) { return "questions[" + std::to_string(i) + "]." + std::string(name); };
        if (!std::regex_match(q.key, key_pattern))
            errors.add(field("key"),
                       "must be 1 to 40 lower-case letters, digits or underscores, starting with a letter");
        else if (!keys.insert(q.key).second)
            errors.add(field("key"), "is used by another question");
        if (q.text.empty() || text::character_count(q.text) > 1000)
            errors.add(field("text"), "must be 1 to 1,000 characters");
        if (q.help_text && text::character_count(*q.help_text) > 1000)
            errors.add(field("help_text"), "must be at most 1,000 characters");
        if (std::find(question_types.begin(), question_types.end(), q.type) == question_types.end()) {
            errors.add(field("type"), "must be text, single_choice, multi_choice, scale, yes_no or number");
            continue;
        }
        if (is_choice(q)) {
            std::set<std::string> distinct(q.options.begin(), q.options.end());
            bool sized = std::all_of(q.options.begin(), q.options.end(), [](const std::string& o) {
                return !o.empty() && text::character_count(o) <= 200;
            });
            if (q.options.size() < 2 || q.options.size() > 20 || !sized || distinct.size() != q.options.size())
                errors.add(field("options"), "must be 2 to 20 different options of 1 to 200 characters");
        } else if (!q.options.empty())
            errors.add(field("options"), "are only for single_choice and multi_choice questions");
        if (q.word_limit && (q.type != "text" || *q.word_limit < 1 || *q.word_limit > 5000))
            errors.add(field("word_limit"),
                       q.type != "text" ? "is only for text questions" : "must be from 1 to 5,000");
        if ((q.min || q.max) && q.type != "number")
            errors.add(field(q.min ? "min" : "max"), "is only for number questions");
        else if (q.min && q.max && *q.min > *q.max)
            errors.add(field("max"), "must not be less than min");
        if (q.type == "scale") {
            if (!q.scale_low || q.scale_low->empty() || text::character_count(*q.scale_low) > 100)
                errors.add(field("scale_labels.low"), "must be 1 to 100 characters");
            if (!q.scale_high || q.scale_high->empty() || text::character_count(*q.scale_high) > 100)
                errors.add(field("scale_labels.high"), "must be 1 to 100 characters");
        } else if (q.scale_low || q.scale_high)
            errors.add(field("scale_labels"), "are only for scale questions");
        if (q.shown_when)
            check_condition(questions, i, errors);
    }
}

void check_answer_shapes(const std::vector<question>& questions, const answers& given, field_errors& errors)
{
    for (const auto& [key, value] : given) {
        auto q = std::find_if(questions.begin(), questions.end(), [&](const question& x) { return x.key == key; });
        if (q == questions.end()) {
            errors.add("answers." + key.substr(0, 40), "is not a question of this consultation");
            continue;
        }
        const bool wants_text = q->type == "text" || q->type == "single_choice" || q->type == "yes_no";
        const bool wants_list = q->type == "multi_choice";
        const bool wants_number = q->type == "scale" || q->type == "number";
        if (wants_text && !std::holds_alternative<std::string>(value))
            errors.add(answer_field(*q), "must be text");
        else if (wants_list && !std::holds_alternative<std::vector<std::string>>(value))
            errors.add(answer_field(*q), "must be a list of the options chosen");
        else if (wants_number && !std::holds_alternative<double>(value))
            errors.add(answer_field(*q), "must be a number");
        else if (wants_text && std::get<std::string>(value).size() > max_text_answer)
            errors.add(answer_field(*q), "must be at most 50,000 characters");
        else if (wants_list && std::get<std::vector<std::string>>(value).size() > q->options.size())
            errors.add(answer_field(*q), "has more choices than the question has options");
    }
}

void check_submission(const std::vector<question>& questions, const answers& given, field_errors& errors)
{
    field_errors shape;
    check_answer_shapes(questions, given, shape);
    check_answer_shapes(questions, given, errors);
    if (!shape.empty())
        return;
    for (const auto& q : questions) {
        if (!is_asked(q, questions, given))
            continue; // not asked: neither required nor checked, and dropped when submitted
        auto found = given.find(q.key);
        const bool blank = found == given.end() ||
                           (std::holds_alternative<std::string>(found->second) &&
                            std::get<std::string>(found->second).find_first_not_of(" \t\r\n") == std::string::npos) ||
                           (std::holds_alternative<std::vector<std::string>>(found->second) &&
                            std::get<std::vector<std::string>>(found->second).empty());
        if (blank) {
            if (q.required)
                errors.add(answer_field(q), q.type == "multi_choice" ? "Select at least one option"
                                                                     : "Answer this question: it is required");
            continue;
        }
        const auto& value = found->second;
        if (q.type == "single_choice" && !has_option(q, std::get<std::string>(value)))
            errors.add(answer_field(q), "must be one of the options");
        else if (q.type == "multi_choice") {
            const auto& chosen = std::get<std::vector<std::string>>(value);
            std::set<std::string> distinct(chosen.begin(), chosen.end());
            if (distinct.size() != chosen.size() ||
                !std::all_of(chosen.begin(), chosen.end(), [&](const std::string& c) { return has_option(q, c); }))
                errors.add(answer_field(q), "must be different options of the question");
        } else if (q.type == "yes_no" && std::get<std::string>(value) != "yes" && std::get<std::string>(value) != "no")
            errors.add(answer_field(q), "must be yes or no");
        else if (q.type == "scale") {
            double point = std::get<double>(value);
            if (point < 1 || point > 5 || point != std::floor(point))
                errors.add(answer_field(q), "must be a whole number from 1 to 5");
        } else if (q.type == "number") {
            double number = std::get<double>(value);
            if (!std::isfinite(number))
                errors.add(answer_field(q), "must be a number");
            else if (q.min && number < *q.min)
                errors.add(answer_field(q), "must be at least " + number_text(*q.min));
            else if (q.max && number > *q.max)
                errors.add(answer_field(q), "must be at most " + number_text(*q.max));
        } else if (q.type == "text" && q.word_limit) {
            int words = word_count(std::get<std::string>(value));
            if (words > *q.word_limit)
                errors.add(answer_field(q), "must be " + std::to_string(*q.word_limit) + " words or fewer (it has " +
                                                std::to_string(words) + ")");
        }
    }
}

} // namespace pswnet::consultations
