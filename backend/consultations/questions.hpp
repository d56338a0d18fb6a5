// The rules of questions and answers: what a question definition must hold, what shape each answer must have
// when a draft is saved, and what a submission must satisfy. Pure functions, errors collected per field.
#pragma once

#include "consultations/model.hpp"
#include "core/error.hpp"

#include <string_view>
#include <vector>

namespace pswnet::consultations {

inline constexpr std::size_t max_questions = 50;
inline constexpr std::size_t max_text_answer = 50000;

// Fields named questions[i].<field>.
void check_questions(const std::vector<question>& questions, field_errors& errors);

// Draft saves: unknown keys and answers of the wrong type or size. Fields named answers.<key>.
void check_answer_shapes(const std::vector<question>& questions, const answers& given, field_errors& errors);

// Submissions: everything in check_answer_shapes, plus required questions, options, ranges and word limits.
void check_submission(const std::vector<question>& questions, const answers& given, field_errors& errors);

// Whether a respondent with these answers is asked the question: its condition, and its condition's question's, hold.
bool is_asked(const question& q, const std::vector<question>& questions, const answers& given);

// The answers to the questions the respondent was asked; answers to others (left from before an earlier answer
// changed) are dropped when a response is submitted.
answers asked_answers(const std::vector<question>& questions, answers given);

// Words as people count them: runs of characters between spaces.
int word_count(std::string_view text);

} // namespace pswnet::consultations
